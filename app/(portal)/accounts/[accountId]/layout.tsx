import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { AccountTabs } from '@/components/accounts/account-tabs';
import { db } from '@/db/client';
import { getAccountInScope } from '@/lib/accounts/scope';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { requestIntegrationPresence } from '@/lib/shell/account-integrations';
import { integrationSectionsFor } from '@/lib/shell/integration-sections';
import { translator } from '@/lib/i18n/translator';

/**
 * The account context (§0 "partner assuming the account admin role"): every page under
 * /accounts/[accountId] is reached only within the actor's scope; anything else is a 404.
 */
export default async function AccountLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  if (user.actor.baseRole === 'user' || !can(user.actor, 'account', 'view')) notFound();
  const account = await getAccountInScope(db(), user.actor, accountId).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const t = translator(await currentLocale());
  const tabs = [{ href: `/accounts/${account.id}`, label: t('accountContext.information') }];
  if (can(user.actor, 'users', 'view')) tabs.push({ href: `/accounts/${account.id}/users`, label: t('accountContext.users') });
  // The sections integrations unlock (INT-1, MVA-1, WG-1), under the same rules as the left navigation.
  const present = await requestIntegrationPresence(user.actor, account.id);
  for (const { section, href } of integrationSectionsFor(user.actor, account.id, present)) tabs.push({ href, label: t(`accountContext.sections.${section}`) });
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <div className="flex items-center gap-3">
          <h1 className="text-2xl font-semibold">{account.name}</h1>
          {account.status !== 'active' && (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">{t(`account.status.${account.status}`)}</span>
          )}
        </div>
        <AccountTabs tabs={tabs} label={t('accountContext.label')} />
      </div>
      {children}
    </div>
  );
}
