'use client';

import { useCallback, useEffect, useRef } from 'react';
import { readMonitorsAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { MONITOR_CAPACITY } from '@/lib/teams/monitors/capacity';
import { useAccountRead } from './use-account-read';

const POLL_MS = 2000;
const POLLS = 30;

/**
 * TEAMS-4: the account's presence monitors and the figures of "MS Teams to CloudLink Presence
 * Configuration". While authorised monitors' subscriptions are still being made, the figures
 * follow (every 2 s, for at most a minute after the last change).
 */
export function useMonitors(accountId: string, enabled: boolean) {
  const { data, error, reload: read } = useAccountRead(readMonitorsAction, accountId, enabled);
  const polls = useRef(0);
  const reload = useCallback(() => {
    polls.current = 0;
    read();
  }, [read]);

  const subscribing = Boolean(data?.syncFromTeams && data.figures.subscribedUsers < Math.min(data.figures.usersToMonitor, data.monitors.filter((m) => m.status === 'authorized').length * MONITOR_CAPACITY));
  useEffect(() => {
    if (!enabled || !subscribing || polls.current >= POLLS) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      read();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [enabled, subscribing, data, read]);

  return { data, error, reload };
}
