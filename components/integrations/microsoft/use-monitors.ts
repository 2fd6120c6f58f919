'use client';

import { useCallback, useEffect, useState } from 'react';
import { readMonitorsAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { useT } from '@/components/i18n-provider';
import type { MonitorsView } from '@/lib/teams/monitors/read-monitors';
import { actionError } from '../labels';

/**
 * TEAMS-4: the account's presence monitors and the figures of "MS Teams to CloudLink Presence
 * Configuration", read when `enabled` and again on `reload()`; an answer to an older read is dropped.
 */
export function useMonitors(accountId: string, enabled: boolean) {
  const t = useT();
  const [data, setData] = useState<MonitorsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void readMonitorsAction(accountId).then((res) => {
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
