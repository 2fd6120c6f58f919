import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IntegrationsSections } from '@/components/integrations/integrations-sections';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { listAccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { orNotFound } from '@/lib/pages/or-not-found';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('integrations.title') };
}

/** INT-1..4 "Integrations & Apps": the account's integrations and privileges (needs View). */
export default async function IntegrationsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  if (!can(user.actor, 'integrations', 'view')) notFound();
  const data = await orNotFound(listAccountIntegrations({ ctx: { actor: user.actor }, input: { accountId } }));
  const t = translator(await currentLocale());
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <h2 className="text-xl font-semibold">{t('integrations.title')}</h2>
      <IntegrationsSections actor={user.actor} data={data} t={t} />
    </div>
  );
}
