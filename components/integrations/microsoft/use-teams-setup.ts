'use client';

import { useCallback, useEffect, useState } from 'react';
import { readTeamsSetupAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { useT } from '@/components/i18n-provider';
import type { TeamsSetupRead } from '@/lib/teams/read-teams-setup';
import { actionError } from '../labels';

/** The connection, its sync figures, and what TEAMS-4 needs: monitor count, gateway, MiVoice Business. */
export type TeamsSetup = TeamsSetupRead;

/**
 * The account's Teams connection and sync figures (TEAMS-1/2, and TEAMS-4's monitor count, gateway and MiVB), read when `enabled` and again on
 * `reload()`; an answer to an older read is dropped.
 */
export function useTeamsSetup(accountId: string, enabled = true) {
  const t = useT();
  const [data, setData] = useState<TeamsSetup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void readTeamsSetupAction(accountId).then((res) => {
      if (!live) return;
      if (res.ok) {
        setData(res.data);
        setError(null);
      } else setError(actionError(t, res));
    });
    return () => {
      live = false;
    };
  }, [accountId, enabled, t, version]);

  return { data, error, reload };
}
