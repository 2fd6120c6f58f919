import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AccountTabs } from '@/components/accounts/account-tabs';
import { db } from '@/db/client';
import { canOpenRoles } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { getRole } from '@/lib/roles/get-role';

/** A role's page: its name, base role and the tabs Permissions and (Admin-based roles) Accounts. */
export default async function RoleLayout({ params, children }: { params: Promise<{ roleId: string }>; children: ReactNode }) {
  const { roleId } = await params;
  const { actor } = await requireUser();
  if (!canOpenRoles(actor)) notFound();
  const role = await orNotFound(getRole(db(), actor, roleId));
  const t = translator(await currentLocale());
  const name = role.key ? t(`users.roles.${role.key}`) : role.name;
  const tabs = [{ href: `/roles/${role.id}`, label: t('roles.tabs.permissions') }];
  // ROLE-4: only Admin-based custom roles are assigned to customer accounts.
  if (!role.key && role.baseRole === 'admin') tabs.push({ href: `/roles/${role.id}/accounts`, label: t('roles.tabs.accounts') });
  return (
    <section aria-labelledby="role-heading" className="flex flex-col gap-4">
      <Link href="/roles" className="text-sm text-brand-700 hover:underline">
        {t('roles.back')}
      </Link>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 id="role-heading" className="text-2xl font-semibold">
          {name}
        </h1>
        <span className="text-sm text-slate-600">{t('roles.basedOn', { base: t(`users.roles.${role.baseRole}`) })}</span>
      </div>
      <AccountTabs tabs={tabs} label={t('roles.tabs.label')} />
      {children}
    </section>
  );
}
