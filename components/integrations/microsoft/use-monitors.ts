'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { readMonitorsAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { useT } from '@/components/i18n-provider';
import { MONITOR_CAPACITY } from '@/lib/teams/monitors/capacity';
import type { MonitorsView } from '@/lib/teams/monitors/read-monitors';
import { actionError } from '../labels';

const POLL_MS = 2000;
const POLLS = 30;

/**
 * TEAMS-4: the account's presence monitors and the figures of "MS Teams to CloudLink Presence
 * Configuration", read when `enabled` and again on `reload()`; an answer to an older read is dropped.
 * While authorised monitors' subscriptions are still being made, the figures follow (every 2 s, for
 * at most a minute after the last change).
 */
export function useMonitors(accountId: string, enabled: boolean) {
  const t = useT();
  const [data, setData] = useState<MonitorsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const polls = useRef(0);
  const reload = useCallback(() => {
    polls.current = 0;
    setVersion((v) => v + 1);
  }, []);

  const subscribing = Boolean(data?.syncFromTeams && data.figures.subscribedUsers < Math.min(data.figures.usersToMonitor, data.monitors.filter((m) => m.status === 'authorized').length * MONITOR_CAPACITY));
  useEffect(() => {
    if (!enabled || !subscribing || polls.current >= POLLS) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      setVersion((v) => v + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [enabled, subscribing, data]);

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
