import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ApiKeysTable } from '@/components/api-keys/api-keys-table';
import { CreateKeyFormPanel } from '@/components/api-keys/create-key-form';
import { EndpointHelp } from '@/components/api-keys/endpoint-help';
import { Panel } from '@/components/ui/panel';
import { db } from '@/db/client';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { canManageApiKeys, listApiKeys } from '@/lib/billing/api-keys';
import { env } from '@/lib/env';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('billing.apiKeys.title') };
}

/** ORD-1: the keys the billing system uses to send orders, for partner admins of the organisation. */
export default async function ApiKeysPage() {
  const user = await requireUser();
  if (!canManageApiKeys(user.actor)) notFound();
  const rows = await listApiKeys(db(), user.actor);
  const locale = await currentLocale();
  const t = translator(locale);
  const endpoint = new URL('/api/billing/orders', env().APP_URL).toString();
  return (
    <section aria-labelledby="api-keys-heading" className="flex flex-col gap-6">
      <h1 id="api-keys-heading" className="text-2xl font-semibold">
        {t('billing.apiKeys.title')}
      </h1>
      <p className="max-w-3xl text-sm text-slate-600">{t('billing.apiKeys.intro')}</p>
      <Panel title={t('billing.apiKeys.endpoint.title')}>
        <EndpointHelp endpoint={endpoint} locale={locale} />
      </Panel>
      <Panel title={t('billing.apiKeys.create.title')}>
        <CreateKeyFormPanel />
      </Panel>
      <Panel title={t('billing.apiKeys.list.title')}>
        <ApiKeysTable rows={rows} locale={locale} />
      </Panel>
    </section>
  );
}
