'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { setPrivilegeAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { PRIVILEGES, type Privilege } from '@/lib/integrations/catalogue';
import type { AccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { actionError, integrationName, privilegeName } from './labels';
import { Switch } from '@/components/ui/switch';

/**
 * INT-3 Privileges: delegated authentication and guest access (seed 2448-2460), switched by hand
 * or by adding and removing integrations; warns about integrations lacking one (2462-2465).
 */
export function PrivilegesPanel({ data, canConfigure }: { data: AccountIntegrations; canConfigure: boolean }) {
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      {data.missingPrivileges.length > 0 && (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <ul className="flex flex-col gap-1">
            {data.missingPrivileges.map((m) => (
              <li key={`${m.integrationId}-${m.privilege}`}>
                {t('integrations.privileges.missing', { integration: integrationName(t, m.integrationId), privilege: privilegeName(t, m.privilege) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {PRIVILEGES.map((p) => (
        // Keyed by the stored value: adding or removing an integration changes it, and the switch follows.
        <PrivilegeSwitch key={`${p}-${data.privileges[p]}`} accountId={data.accountId} privilege={p} enabled={data.privileges[p]} canConfigure={canConfigure} />
      ))}
    </div>
  );
}

function PrivilegeSwitch({ accountId, privilege, enabled, canConfigure }: { accountId: string; privilege: Privilege; enabled: boolean; canConfigure: boolean }) {
  const t = useT();
  const router = useRouter();
  const labelId = useId();
  const hintId = useId();
  const [on, setOn] = useState(enabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async (next: boolean) => {
    setBusy(true);
    setError(null);
    setOn(next);
    const res = await setPrivilegeAction(accountId, privilege, next);
    setBusy(false);
    if (res.ok) router.refresh();
    else {
      setOn(!next);
      setError(actionError(t, res));
    }
  };

  return (
    <div className="flex flex-col gap-2">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex items-start justify-between gap-4">
        <div>
          <p id={labelId} className="text-sm font-medium">
            {privilegeName(t, privilege)}
          </p>
          <p id={hintId} className="text-xs text-slate-600">
            {t(`integrations.privileges.${privilege}.hint`)}
          </p>
        </div>
        <Switch checked={on} aria-labelledby={labelId} aria-describedby={hintId} disabled={!canConfigure || busy} onChange={toggle} />
      </div>
    </div>
  );
}
