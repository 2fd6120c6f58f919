import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { Panel } from '@/components/ui/panel';
import { AccountInfoForm } from '@/components/accounts/account-info-form';
import { AccountLifecycle } from '@/components/accounts/account-lifecycle';
import { CallServicesPanel } from '@/components/accounts/call-services-panel';
import { SupportContactsPanel } from '@/components/accounts/support-contacts-panel';
import { IntegrationsSections } from '@/components/integrations/integrations-sections';
import { SubscriptionsPanel } from '@/components/subscriptions/subscriptions-panel';
import { CopyButton } from '@/components/ui/copy-button';
import { db } from '@/db/client';
import { countryOptions } from '@/lib/accounts/countries';
import { countUsersOfAccount } from '@/lib/accounts/list-accounts';
import { BUSINESS_TYPES, CLOUD_PBX_TYPE, type BusinessType } from '@/lib/accounts/schemas';
import { getAccountInScope } from '@/lib/accounts/scope';
import { listSupportContacts } from '@/lib/accounts/support-contacts';
import { can } from '@/lib/authz';
import { accountSubscriptions, showsSubscriptions } from '@/lib/orders/account-subscriptions';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { DEFAULT_LOCALE, isLocale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';
import { listAccountIntegrations } from '@/lib/integrations/list-account-integrations';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('account.title') };
}

/**
 * ACC-3: the account information page, for partners (any account in scope) and the account's own
 * admins (ACC-6). Controls follow the permissions; the commands check them again.
 */
export default async function AccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  const { actor } = user;
  const account = await getAccountInScope(db(), actor, accountId).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const locale = await currentLocale();
  const t = translator(locale);
  const [contacts, users, integrations] = await Promise.all([
    listSupportContacts(db(), account.id),
    can(actor, 'users', 'view') ? countUsersOfAccount(db(), account.id) : null,
    // Seed 2316: the Integrations panel sits on the lower part of the account information page.
    can(actor, 'integrations', 'view') ? listAccountIntegrations({ ctx: { actor }, input: { accountId: account.id } }) : null,
  ]);
  // ORD-4: at the bottom of the page, unless the partner is prime or has no billing account.
  const subscriptions = can(actor, 'subscriptions', 'view') && (await showsSubscriptions(db(), account)) ? await accountSubscriptions(db(), actor, account) : null;
  const canEdit = can(actor, 'account', 'edit');
  const canManageLifecycle = actor.kind === 'partner' && can(actor, 'account', 'delete');
  const businessType = (BUSINESS_TYPES as readonly string[]).includes(account.businessType ?? '') ? (account.businessType as BusinessType) : '';

  const readOnly: [string, ReactNode][] = [
    [
      t('account.fields.accountId'),
      <span key="id" className="flex items-center gap-2">
        <code className="rounded bg-slate-100 px-2 py-0.5">{account.id}</code>
        <CopyButton value={account.id} label={t('account.copyId')} />
      </span>,
    ],
    [t(account.pbxType === CLOUD_PBX_TYPE ? 'account.fields.billingCustomerNo' : 'account.fields.sapCustomerNo'), account.sapCustomerNo ?? '—'],
    [t('account.fields.cloudLocation'), t(`account.cloudLocation.${account.cloudLocation}`)],
    // Seed 2.3: the PBX type exists only once gateway onboarding has finished.
    ...(account.pbxType ? [[t('account.fields.pbxType'), account.pbxType] as [string, ReactNode]] : []),
    [t('account.fields.statusLabel'), t(`account.status.${account.status}`)],
  ];
  if (users) readOnly.push([t('dashboard.users'), t('dashboard.usersSummary', { total: users.total, registered: users.registered, admins: users.admins })]);

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <Panel title={t('account.information')}>
        <dl className="mb-6 grid grid-cols-[14rem_1fr] gap-y-3 text-sm">
          {readOnly.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <AccountInfoForm
          accountId={account.id}
          canEdit={canEdit}
          countries={countryOptions(locale)}
          values={{
            name: account.name,
            country: account.country,
            province: account.province ?? '',
            address: account.address ?? '',
            city: account.city ?? '',
            postalCode: account.postalCode ?? '',
            defaultLanguage: isLocale(account.defaultLanguage) ? account.defaultLanguage : DEFAULT_LOCALE,
            businessType,
          }}
        />
      </Panel>
      <Panel title={t('accounts.contacts.title')}>
        <SupportContactsPanel accountId={account.id} contacts={contacts} canEdit={canEdit} canSearchPartners={actor.kind === 'partner'} />
      </Panel>
      <Panel title={t('account.callServices')}>
        <CallServicesPanel accountId={account.id} enabled={account.bandwidthOptimisation} canEdit={canEdit} />
      </Panel>
      {integrations && <IntegrationsSections actor={actor} data={integrations} t={t} />}
      {subscriptions && (
        <Panel title={t('subscriptions.title')}>
          <SubscriptionsPanel t={t} locale={locale} accountId={account.id} data={subscriptions} />
        </Panel>
      )}
      {canManageLifecycle && account.status !== 'deleting' && (
        <Panel title={t('accounts.lifecycle.title')}>
          <AccountLifecycle accountId={account.id} name={account.name} status={account.status} />
        </Panel>
      )}
    </div>
  );
}
