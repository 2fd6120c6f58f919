import type { Metadata } from 'next';
import Link from 'next/link';
import { AssignmentView } from '@/components/managers/assignment-view';
import { db } from '@/db/client';
import { countryName } from '@/lib/accounts/countries';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { listAssignmentAccounts } from '@/lib/managers/list-assignment-accounts';
import { orNotFound } from '@/lib/pages/or-not-found';
import { firstValues, type RawSearchParams } from '@/lib/tables/search-params';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('managers.assign.title') };
}

/**
 * MGR-3: "Manage selected" — the accounts assigned to the account managers in `?managers=id,id`.
 * Ids that are not account managers of the organisation give the 404 page.
 */
export default async function AssignAccountsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const page = await orNotFound(listAssignmentAccounts(db(), user.actor, firstValues(await searchParams)));
  const locale = await currentLocale();
  const t = translator(locale);
  const names = page.managers.map((m) => m.displayName).join(', ');
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href="/account-managers" className="self-start text-sm text-brand-700 hover:underline">
          {t('managers.assign.back')}
        </Link>
        <h1 className="text-2xl font-semibold">{t('managers.assign.title')}</h1>
        <p className="text-sm text-slate-600">{t('managers.assign.managers', { count: page.managers.length, names })}</p>
      </div>
      <AssignmentView
        managers={page.managers.map((m) => ({ id: m.id, displayName: m.displayName }))}
        view={page.view}
        rows={page.rows.map((r) => ({ id: r.id, name: r.name, countryName: countryName(r.country, locale), assignedTo: r.assignedTo }))}
        total={page.total}
        nextCursor={page.nextCursor}
        query={page.params.q}
        counts={page.counts}
      />
    </div>
  );
}
