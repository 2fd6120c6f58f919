import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AccountsTable } from '@/components/accounts/accounts-table';
import { db } from '@/db/client';
import { countryName } from '@/lib/accounts/countries';
import { AccountListParams, pageAccountsInScope } from '@/lib/accounts/page-accounts';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { firstValues, type RawSearchParams } from '@/lib/tables/search-params';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('accounts.title') };
}

/** ACC-1: the partner's customer accounts. Account users have no such page (404). */
export default async function AccountsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  if (user.actor.kind !== 'partner') notFound();
  const params = AccountListParams.parse(firstValues(await searchParams));
  const locale = await currentLocale();
  const t = translator(locale);
  const page = await pageAccountsInScope(db(), user.actor, params);
  // Dates as calendar days in UTC, so the server's rendering and the reader's agree.
  const date = dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const rows = page.rows.map((r) => ({
    id: r.id,
    name: r.name,
    countryName: countryName(r.country, locale),
    status: r.status,
    userCount: r.userCount,
    created: date.format(r.createdAt),
  }));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('accounts.title')}</h1>
        {can(user.actor, 'account', 'add') && (
          <Link href="/accounts/new" className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t('accounts.add')}
          </Link>
        )}
      </div>
      <AccountsTable rows={rows} total={page.total} nextCursor={page.nextCursor} view={params.view} query={params.q} />
    </div>
  );
}
