'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { setTeamsBidirectionalAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Switch } from '@/components/ui/switch';
import type { TeamsSetupView } from '@/lib/teams/read-teams-setup';
import { actionError } from '../labels';
import { MonitorsDialog } from './monitors-dialog';
import { useMonitors } from './use-monitors';

interface Props {
  accountId: string;
  setup: TeamsSetupView | null;
  /** The setup of Microsoft Teams is finished. */
  ready: boolean;
  /** The account's gateway serves a MiVoice Business (the only PBX with MiCollab presence). */
  mivb: boolean;
  /** After a change: the features read the setup again. */
  onChanged: () => void;
}

/**
 * TEAMS-4 "Sync presence from MS Teams to CloudLink" under the Teams features: offered with a
 * MiVoice Business only, after CloudLink → Teams is on (seed 001 5531-5536); when on, "Presence
 * monitors" opens their dialog, and the row says how many there are and how many are missing.
 */
export function TeamsBidirectional({ accountId, setup, ready, mivb, onChanged }: Props) {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const on = setup?.syncFromTeams ?? false;
  const uni = setup?.syncToTeams ?? false;
  const { data, error: loadError, reload } = useMonitors(accountId, on);
  const [dialog, setDialog] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Shown while on even without a MiVoice Business any more, so that it can be turned off.
  if (!mivb && !on) {
    return (
      <p className="flex flex-col gap-0.5 text-sm">
        <span className="text-slate-500">{t('teams.features.syncFromTeams')}</span>
        <span className="text-xs text-slate-600">{t('teams.features.needsMivb')}</span>
      </p>
    );
  }

  const toggle = async (next: boolean) => {
    setBusy(true);
    setError(null);
    const res = await setTeamsBidirectionalAction(accountId, next);
    setBusy(false);
    if (!res.ok) {
      setError(actionError(t, res));
      return;
    }
    onChanged();
    reload();
    router.refresh();
  };

  // Turning on needs CloudLink → Teams first; turning off is always possible.
  const hint = !ready ? t('teams.features.needsSetup') : !on && !uni ? t('teams.features.needsUni') : null;
  const missing = data?.figures.missingMonitors ?? 0;

  return (
    <div className="flex flex-col gap-2">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex items-start gap-3">
        <Switch
          checked={on}
          aria-labelledby={`${id}-label`}
          aria-describedby={hint ? `${id}-hint` : undefined}
          disabled={busy || (!on && (!ready || !uni))}
          onChange={(next) => void toggle(next)}
        />
        <div className="flex flex-col gap-0.5">
          <span id={`${id}-label`} className="text-sm">
            {t('teams.features.syncFromTeams')}
          </span>
          {hint && (
            <span id={`${id}-hint`} className="text-xs text-slate-600">
              {hint}
            </span>
          )}
          {on && <span className="text-xs text-slate-600">{t('teams.features.fromTeamsNote')}</span>}
        </div>
      </div>
      {on && (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <Button
            variant="secondary"
            className="px-3 py-1"
            aria-haspopup="dialog"
            onClick={() => {
              reload();
              setDialog(true);
            }}
          >
            {t('teams.features.monitors')}
          </Button>
          {data && <span className="text-slate-700">{t('teams.features.monitorCount', { count: data.monitors.length })}</span>}
          {missing > 0 && (
            <span className="font-medium text-red-800">
              <span aria-hidden>⚠ </span>
              <span>{t('teams.features.monitorsMissing', { count: missing })}</span>
            </span>
          )}
          {loadError && !dialog && <span className="text-red-800">{loadError}</span>}
        </div>
      )}
      <MonitorsDialog
        accountId={accountId}
        open={dialog}
        view={data}
        loadError={loadError}
        reload={reload}
        onClose={() => {
          setDialog(false);
          // The setup form's warning counts the monitors.
          onChanged();
        }}
      />
    </div>
  );
}
