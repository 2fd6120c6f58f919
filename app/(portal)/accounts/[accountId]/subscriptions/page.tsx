import type { Metadata } from 'next';
import { SubscriptionsPanel } from '@/components/subscriptions/subscriptions-panel';
import { Panel } from '@/components/ui/panel';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { listAccountSubscriptions } from '@/lib/orders/account-subscriptions';
import { orNotFound } from '@/lib/pages/or-not-found';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('subscriptions.title') };
}

/**
 * ORD-4 "Billing → Subscriptions": the account's Subscriptions panel on its own page, for account
 * admins (left navigation) and partners alike; needs Subscriptions View, and does not exist for
 * prime partners' accounts or partners without a billing account.
 */
export default async function SubscriptionsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  const data = await orNotFound(listAccountSubscriptions({ ctx: { actor: user.actor }, input: { accountId } }));
  const locale = await currentLocale();
  const t = translator(locale);
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <Panel title={t('subscriptions.title')}>
        <SubscriptionsPanel t={t} locale={locale} accountId={data.accountId} data={data} />
      </Panel>
    </div>
  );
}
