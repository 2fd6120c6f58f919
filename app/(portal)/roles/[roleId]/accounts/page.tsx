import type { Metadata } from 'next';
import { RoleAccounts } from '@/components/roles/role-accounts';
import { db } from '@/db/client';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { listRoleAccounts } from '@/lib/roles/list-role-accounts';
import { getRole } from '@/lib/roles/get-role';
import { firstValues, type RawSearchParams } from '@/lib/tables/search-params';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('roles.tabs.accounts') };
}

/** ROLE-4, the Accounts tab of an Admin-based custom role (any other role: 404). */
export default async function RoleAccountsPage({ params, searchParams }: { params: Promise<{ roleId: string }>; searchParams: Promise<RawSearchParams> }) {
  const { roleId } = await params;
  const { actor } = await requireUser();
  const [role, page] = await Promise.all([
    orNotFound(getRole(db(), actor, roleId)),
    orNotFound(listRoleAccounts(db(), actor, roleId, firstValues(await searchParams))),
  ]);
  const t = translator(await currentLocale());
  return (
    <div className="flex flex-col gap-3">
      <p className="max-w-3xl text-sm text-slate-600">{t('roles.accounts.intro')}</p>
      <RoleAccounts
        roleId={role.id}
        roleName={role.name}
        rows={page.rows}
        total={page.total}
        nextCursor={page.nextCursor}
        filter={page.params.filter}
        query={page.params.q}
        canEdit={can(actor, 'roles', 'edit')}
      />
    </div>
  );
}
