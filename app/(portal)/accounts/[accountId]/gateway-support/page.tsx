import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GatewaySupportView } from '@/components/gateway/support-view';
import { Alert } from '@/components/ui/alert';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { ConflictError } from '@/lib/errors';
import { readGatewayWizard } from '@/lib/gateway/read-gateway';
import { latestGatewayVersion } from '@/lib/gateway/release';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('gateway.support.title') };
}

/**
 * SUP-4 gateway support (seed 2.11). Not available, with the reason and the way to fix it, when
 * onboarding has not linked a configured gateway or the gateway is offline.
 */
export default async function GatewaySupportPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  if (!can(user.actor, 'support', 'view') || !can(user.actor, 'integrations', 'view')) notFound();
  const t = translator(await currentLocale());
  const view = await orNotFound(readGatewayWizard({ ctx: { actor: user.actor }, input: { accountId } })).catch((e: unknown) => {
    if (e instanceof ConflictError) return null;
    throw e;
  });
  const gateway = view?.gateway;
  const reason = !view ? 'notAdded' : !gateway?.site || view.status.step === 'configureGateway' ? 'onboarding' : !view.status.online ? 'offline' : null;
  return (
    <div className="flex max-w-4xl flex-col gap-4">
      <h2 className="text-xl font-semibold">{t('gateway.support.title')}</h2>
      {reason || !gateway ? (
        <>
          <Alert tone="info">{t(`gateway.support.unavailable.${reason ?? 'onboarding'}`)}</Alert>
          <Link href={`/accounts/${accountId}/integrations`} className="self-start text-sm text-brand-700 underline">
            {t('integrations.title')}
          </Link>
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t('gateway.support.intro')}</p>
          <GatewaySupportView
            accountId={accountId}
            softwareVersion={gateway.softwareVersion}
            latestVersion={latestGatewayVersion()}
            updateAvailable={view!.status.updateAvailable}
            scheduledUpdate={gateway.scheduledUpdate ?? null}
          />
        </>
      )}
    </div>
  );
}
