import { describe, expect, it } from 'vitest';
import { aggregateTeamsPresence, clientSession, type PresenceSession, type SessionAvailability } from '@/lib/presence/teams-aggregation';

const session = (availability: SessionAvailability): PresenceSession => ({
  availability,
  activity: { Available: 'Available', Busy: 'InACall', Away: 'Away', DoNotDisturb: 'Presenting' }[availability],
});

describe('Teams client states alone (seed 500-508)', () => {
  it.each([
    ['Offline', 'Offline'],
    ['Inactive', 'Away'],
    ['Active', 'Available'],
    ['InCall', 'Busy'],
    ['Presenting', 'DoNotDisturb'],
  ] as const)('%s → %s', (client, seen) => {
    expect(aggregateTeamsPresence({ client, appSessions: [] }).availability).toBe(seen);
  });
  it('an offline client contributes no session', () => {
    expect(clientSession('Offline')).toBeNull();
  });
});

// seed 392 / 517: among app-configured, Do not disturb > Busy > Available > Away.
const ORDER: SessionAvailability[] = ['DoNotDisturb', 'Busy', 'Available', 'Away'];
const pairs = ORDER.flatMap((hi, i) => ORDER.slice(i + 1).map((lo) => [hi, lo] as const));

describe('combining sessions', () => {
  it.each(pairs)('%s beats %s in either order', (hi, lo) => {
    const expected = { availability: hi, activity: session(hi).activity };
    expect(aggregateTeamsPresence({ client: 'Offline', appSessions: [session(hi), session(lo)] })).toEqual(expected);
    expect(aggregateTeamsPresence({ client: 'Offline', appSessions: [session(lo), session(hi)] })).toEqual(expected);
  });
  it('an app session competes with the client session', () => {
    expect(aggregateTeamsPresence({ client: 'Active', appSessions: [session('Away')] }).availability).toBe('Available');
    expect(aggregateTeamsPresence({ client: 'Inactive', appSessions: [session('Busy')] }).availability).toBe('Busy');
  });
  it('no session at all → Offline', () => {
    expect(aggregateTeamsPresence({ client: 'Offline', appSessions: [] })).toEqual({ availability: 'Offline', activity: 'Offline' });
  });
});

describe('user-configured beats app-configured (seed 388-390, 443)', () => {
  it.each(['Available', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offline'] as const)('%s set in Teams wins', (preferred) => {
    const out = aggregateTeamsPresence({ client: 'Presenting', appSessions: [session('DoNotDisturb'), session('Busy')], preferred });
    expect(out.availability).toBe(preferred);
  });
  it('preferred Offline reads as off work', () => {
    expect(aggregateTeamsPresence({ client: 'Active', appSessions: [], preferred: 'Offline' })).toEqual({ availability: 'Offline', activity: 'OffWork' });
  });
  it('null preferred leaves the sessions to decide', () => {
    expect(aggregateTeamsPresence({ client: 'InCall', appSessions: [], preferred: null }).availability).toBe('Busy');
  });
});
