'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { finishOnboardingAction, sendDeploymentAction } from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import { useT } from '@/components/i18n-provider';
import { actionError } from '@/components/integrations/labels';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { GatewayWizardView } from '@/lib/gateway/read-gateway';

type Gw = NonNullable<GatewayWizardView['gateway']>;

/** GW-2 step 4 (optional) "Deployment": deployment e-mails to the PBX users; "Finish", optionally to the users list. */
export function DeploymentStep({ accountId, gateway, setupDone, canConfigure, onStarted }: { accountId: string; gateway: Gw; setupDone: boolean; canConfigure: boolean; onStarted: (id: string) => void }) {
  const t = useT();
  const router = useRouter();
  const [toUsers, setToUsers] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    const res = await sendDeploymentAction(accountId);
    setBusy(false);
    if (res.ok) onStarted(res.data.notificationId);
    else setError(actionError(t, res));
  };
  const finish = async () => {
    setBusy(true);
    setError(null);
    const res = await finishOnboardingAction(accountId);
    setBusy(false);
    if (!res.ok) return setError(actionError(t, res));
    router.push(toUsers ? `/accounts/${accountId}/users` : `/accounts/${accountId}/integrations`);
  };
  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      {setupDone && <Alert tone="success">{t('gateway.deployment.complete')}</Alert>}
      <p className="text-sm text-slate-600">{t('gateway.deployment.intro', { count: gateway.undeployed })}</p>
      {gateway.deploymentSentAt && <p className="text-sm text-slate-700">{t('gateway.deployment.sent')}</p>}
      {canConfigure && (
        <>
          <Button variant="secondary" onClick={() => void send()} disabled={busy || gateway.undeployed === 0} className="self-start">
            {t('gateway.deployment.send', { count: gateway.undeployed })}
          </Button>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={toUsers} onChange={(e) => setToUsers(e.target.checked)} />
            {t('gateway.deployment.goToUsers')}
          </label>
          <Button onClick={() => void finish()} disabled={busy} className="self-start">
            {t('gateway.deployment.finish')}
          </Button>
        </>
      )}
    </div>
  );
}
