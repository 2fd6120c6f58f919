'use client';

import { useT } from '@/components/i18n-provider';
import type { GatewayStatus } from '@/lib/gateway/status';

/** GW-1's status message: the next step, an error, or a software update; and whether the gateway is online. */
export function GatewayStatusLine({ status }: { status: GatewayStatus }) {
  const t = useT();
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" role="status">
      {status.error ? (
        <span className="font-medium text-red-800">{t(status.error.key, status.error.params)}</span>
      ) : (
        <span className={`font-medium ${status.step === 'done' ? 'text-green-800' : 'text-amber-800'}`}>{t(`gateway.status.${status.step}`)}</span>
      )}
      {status.step !== 'noGateway' && <span className={status.online ? 'text-green-800' : 'text-red-800'}>{t(status.online ? 'gateway.status.online' : 'gateway.status.offline')}</span>}
      {status.updateAvailable && <span className="font-medium text-amber-800">{t('gateway.status.updateAvailable')}</span>}
    </p>
  );
}
