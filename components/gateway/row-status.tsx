'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import type { AccountIntegrationView } from '@/lib/integrations/list-account-integrations';
import { gatewayStep } from '@/lib/gateway/status';

/** GW-1 under "CloudLink Gateway": the next onboarding step (or error / update), with the way into the wizard. */
export function GatewayRowStatus({ accountId, integration, canConfigure }: { accountId: string; integration: AccountIntegrationView; canConfigure: boolean }) {
  const t = useT();
  const g = integration.gateway ?? null;
  const step = g?.step ?? gatewayStep(null, integration.setupDone);
  const href = `/accounts/${accountId}/integrations/gateway`;
  return (
    <>
      {g?.error ? (
        <span className="font-medium text-red-800">{t(g.error.key, g.error.params)}</span>
      ) : (
        <span className={`font-medium ${step === 'done' ? 'text-green-800' : 'text-amber-800'}`}>{t(`gateway.status.${step}`)}</span>
      )}
      {g && step !== 'noGateway' && !g.online && <span className="text-red-800">{t('gateway.status.offline')}</span>}
      {g?.updateAvailable && <span className="font-medium text-amber-800">{t('gateway.status.updateAvailable')}</span>}
      <Link href={href} className="text-brand-700 underline">
        {t(step === 'done' ? 'gateway.open' : canConfigure ? (step === 'noGateway' ? 'gateway.add' : 'gateway.continue') : 'gateway.view')}
      </Link>
    </>
  );
}
