import { describe, expect, it } from 'vitest';
import { assignUsers, MONITOR_CAPACITY, monitorFigures, monitorsNeeded } from '@/lib/teams/monitors/capacity';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(5, '0')}`);

// TEAMS-4: one monitor watches at most 650 users (seed 001 5489-5494).
describe('presence monitor capacity', () => {
  it.each([
    [0, 0],
    [1, 1],
    [650, 1],
    [651, 2],
    [1300, 2],
    [1301, 3],
  ])('%i users need %i monitors', (users, needed) => {
    expect(monitorsNeeded(users)).toBe(needed);
  });

  it('fills monitors in order, 650 each; users past the capacity get no presence (seed 5495-5497)', () => {
    const a = assignUsers(ids(1400), ['m1', 'm2']);
    expect(a.byMonitor.map((m) => [m.monitor, m.userIds.length])).toEqual([
      ['m1', 650],
      ['m2', 650],
    ]);
    expect(a.byMonitor[1]!.userIds[0]).toBe('u00650');
    expect(a.unmonitored).toHaveLength(100);
    expect(a.unmonitored[0]).toBe('u01300');
  });

  it('a monitor with nobody to watch gets no subscription', () => {
    const a = assignUsers(ids(10), ['m1', 'm2']);
    expect(a.byMonitor).toEqual([{ monitor: 'm1', userIds: ids(10) }]);
    expect(a.unmonitored).toEqual([]);
  });

  it("the dialog's figures: 1,300 users and one authorised monitor miss one", () => {
    expect(monitorFigures(1300, 1, MONITOR_CAPACITY)).toEqual({ usersToMonitor: 1300, monitorsNeeded: 2, subscribedUsers: 650, missingMonitors: 1 });
    expect(monitorFigures(1300, 3, 1300).missingMonitors).toBe(0);
  });
});
