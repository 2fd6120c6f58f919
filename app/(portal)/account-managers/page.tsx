import type { Metadata } from 'next';
import { ManagersView } from '@/components/managers/managers-view';
import { db } from '@/db/client';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { listPartnerAdmins } from '@/lib/managers/list-admins';
import { orNotFound } from '@/lib/pages/or-not-found';
import { partnerRolesFor } from '@/lib/roles/partner-roles';
import { firstValues, type RawSearchParams } from '@/lib/tables/search-params';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('managers.title') };
}

/**
 * MGR-1: the organisation's partner admins in two tabs, Account managers and Admins. Anyone who
 * may not manage account managers (account users, account managers, partners without Roles
 * "Assign") gets the 404 page.
 */
export default async function AccountManagersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const [page, roles] = await orNotFound(Promise.all([listPartnerAdmins(db(), user.actor, firstValues(await searchParams)), partnerRolesFor(db(), user.actor)]));
  const t = translator(await currentLocale());
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">{t('managers.title')}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t('managers.intro')}</p>
      </div>
      <ManagersView tab={page.params.tab} rows={page.rows} total={page.total} nextCursor={page.nextCursor} query={page.params.q} counts={page.counts} roles={roles} />
    </div>
  );
}
