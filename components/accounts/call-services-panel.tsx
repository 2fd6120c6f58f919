'use client';

import { useId, useState } from 'react';
import { updateAccountAction } from '@/app/(portal)/accounts/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Switch } from '@/components/ui/switch';

/** ACC-3 call services: the bandwidth-optimisation switch, saved as soon as it is flipped. */
export function CallServicesPanel({ accountId, enabled, canEdit }: { accountId: string; enabled: boolean; canEdit: boolean }) {
  const t = useT();
  const labelId = useId();
  const hintId = useId();
  const [on, setOn] = useState(enabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async () => {
    const next = !on;
    setBusy(true);
    setError(null);
    setOn(next);
    const res = await updateAccountAction({ accountId, bandwidthOptimisation: next });
    setBusy(false);
    if (!res.ok) {
      setOn(!next);
      setError(res.formError ?? 'errors.unexpected');
    }
  };

  return (
    <div className="flex flex-col gap-3">
      {error && <Alert tone="error">{t(error)}</Alert>}
      <div className="flex items-center justify-between gap-4">
        <div>
          <p id={labelId} className="text-sm font-medium">
            {t('account.bandwidth')}
          </p>
          <p id={hintId} className="text-xs text-slate-500">
            {t('account.bandwidthHint')}
          </p>
        </div>
        <Switch checked={on} onChange={toggle} aria-labelledby={labelId} aria-describedby={hintId} disabled={!canEdit || busy} />
      </div>
    </div>
  );
}
