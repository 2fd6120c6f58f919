import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { ConflictError } from '@/lib/errors';
import { GatewayWizard } from '@/components/gateway/wizard';
import { canConfigureIntegrations, can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { readGatewayWizard } from '@/lib/gateway/read-gateway';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('gateway.title') };
}

/** GW-1 / GW-2: the CloudLink Gateway onboarding wizard of an account. */
export default async function GatewayPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  if (!can(user.actor, 'integrations', 'view')) notFound();
  const view = await orNotFound(readGatewayWizard({ ctx: { actor: user.actor }, input: { accountId } })).catch((e: unknown) => {
    if (e instanceof ConflictError) return null;
    throw e;
  });
  if (!view) {
    const t = translator(await currentLocale());
    return (
      <div className="flex max-w-4xl flex-col gap-4">
        <h2 className="text-xl font-semibold">{t('gateway.title')}</h2>
        <Alert tone="info">{t('gateway.errors.notAdded')}</Alert>
        <Link href={`/accounts/${accountId}/integrations`} className="self-start text-sm text-brand-700 underline">
          {t('integrations.title')}
        </Link>
      </div>
    );
  }
  return <GatewayWizard initial={view} canConfigure={canConfigureIntegrations(user.actor)} />;
}
