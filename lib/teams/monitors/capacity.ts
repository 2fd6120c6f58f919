// TEAMS-4 monitor capacity, pure: one presence monitor watches at most 650 users (seed 001
// 5489-5494); users beyond the monitors' total capacity get no presence (5495-5497).

export const MONITOR_CAPACITY = 650;

export function monitorsNeeded(usersToMonitor: number): number {
  return Math.ceil(Math.max(usersToMonitor, 0) / MONITOR_CAPACITY);
}

export interface Assignment<M> {
  /** Each authorised monitor with the users it watches, in order. */
  byMonitor: { monitor: M; userIds: string[] }[];
  /** Users no monitor has room for. */
  unmonitored: string[];
}

/**
 * Fills the authorised monitors in order, 650 users each. `userIds` should come sorted by a stable
 * key, so that adding a user moves as few users between subscriptions as possible.
 */
export function assignUsers<M>(userIds: readonly string[], monitors: readonly M[]): Assignment<M> {
  const byMonitor = monitors.map((monitor, i) => ({ monitor, userIds: userIds.slice(i * MONITOR_CAPACITY, (i + 1) * MONITOR_CAPACITY) }));
  return { byMonitor: byMonitor.filter((m) => m.userIds.length > 0), unmonitored: userIds.slice(monitors.length * MONITOR_CAPACITY) };
}

/** The dialog's figures (seed 5589-5593): missing monitors are shown in red. */
export function monitorFigures(usersToMonitor: number, authorizedMonitors: number, subscribedUsers: number) {
  const needed = monitorsNeeded(usersToMonitor);
  return { usersToMonitor, monitorsNeeded: needed, subscribedUsers, missingMonitors: Math.max(needed - authorizedMonitors, 0) };
}
