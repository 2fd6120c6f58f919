'use client';

import { FeaturesToggle } from '@/components/integrations/features-toggle';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { setTeamsSyncAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Switch } from '@/components/ui/switch';
import { actionError } from '../labels';
import { SecretExpiry } from './secret-expiry';
import { TeamsBidirectional } from './teams-bidirectional';
import { TeamsSyncStatus } from './teams-sync-status';
import { useTeamsSetup } from './use-teams-setup';
import { VerifyDialog } from './verify-dialog';

/** Reads while the first match with Azure runs, so the figures appear without a reload. */
const MATCH_POLL_MS = 3000;
const MATCH_POLLS = 20;

/**
 * TEAMS-2 "Available features" under Microsoft Teams: "Sync presence from CloudLink to MS Teams",
 * switched at once, with how the sync is doing; TEAMS-4 "Sync presence from MS Teams to
 * CloudLink" with its monitors; and TEAMS-5 "Verify configuration" on the row.
 */
export function TeamsFeatures({ accountId, setupDone }: { accountId: string; setupDone: boolean }) {
  const t = useT();
  const router = useRouter();
  const listId = useId();
  const { data, error: loadError, reload } = useTeamsSetup(accountId);
  const [open, setOpen] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const polls = useRef(0);

  const setup = data?.setup ?? null;
  const matching = Boolean(setup?.syncToTeams && !setup.matchedAt && !setup.matchError);
  // Long work shows real progress: while users are being matched or writes wait, the figures follow.
  const working = matching || Boolean(setup?.syncToTeams && data && data.figures.pending > 0);
  useEffect(() => {
    if (!working || polls.current >= MATCH_POLLS) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      reload();
    }, MATCH_POLL_MS);
    return () => clearTimeout(timer);
  }, [working, data, reload]);

  const toggle = async (next: boolean) => {
    setBusy(true);
    setError(null);
    const res = await setTeamsSyncAction(accountId, next);
    setBusy(false);
    if (!res.ok) {
      setError(actionError(t, res));
      return;
    }
    polls.current = 0;
    reload();
    router.refresh();
  };

  const ready = setupDone && setup !== null;
  const on = setup?.syncToTeams ?? false;
  // The gateway reports the phones' states: without it there is nothing to sync (turning off stays possible).
  const noGateway = data !== null && !data.hasGateway;
  const hint = !data ? null : !ready ? t('teams.features.needsSetup') : noGateway && !on ? t('teams.errors.needsGateway') : null;

  return (
    <div className="mt-2 flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <FeaturesToggle open={open} controls={listId} onToggle={() => setOpen((o) => !o)} />
        <Button variant="secondary" className="px-3 py-1" aria-haspopup="dialog" onClick={() => setVerifying(true)}>
          {t('teams.verify.open')}
        </Button>
      </div>
      {setup?.secretExpiresAt && <SecretExpiry expiresAt={setup.secretExpiresAt} />}
      <div id={listId} hidden={!open} className="flex flex-col gap-2 border-l-2 border-slate-200 pl-4">
        {(error ?? loadError) && <Alert tone="error">{error ?? loadError}</Alert>}
        <div className="flex items-start gap-3">
          <Switch
            checked={on}
            aria-labelledby={`${listId}-sync`}
            aria-describedby={hint ? `${listId}-sync-hint` : undefined}
            disabled={busy || (!on && (!ready || noGateway))}
            onChange={(next) => void toggle(next)}
          />
          <div className="flex flex-col gap-0.5">
            <span id={`${listId}-sync`} className="text-sm">
              {t('teams.features.syncToTeams')}
            </span>
            {hint && (
              <span id={`${listId}-sync-hint`} className="text-xs text-slate-600">
                {hint}
              </span>
            )}
            {on && <span className="text-xs text-slate-600">{t('teams.features.delayNote')}</span>}
          </div>
        </div>
        {data && setup && on && <TeamsSyncStatus accountId={accountId} setup={setup} figures={data.figures} matching={matching} onRequested={reload} />}
        {data && <TeamsBidirectional accountId={accountId} setup={setup} ready={ready} mivb={data.mivb} onChanged={reload} />}
      </div>
      <VerifyDialog
        accountId={accountId}
        open={verifying}
        lastVerification={setup?.lastVerification ?? null}
        syncFromTeams={setup?.syncFromTeams ?? false}
        onVerified={reload}
        onClose={() => setVerifying(false)}
      />
    </div>
  );
}
