import { describe, expect, it } from 'vitest';
import { actionKey, desiredPresence } from '@/lib/teams/desired-presence';

// TEAMS-3 from the gateway's own words (docs/gateway-protocol.md §4) to the Graph session.
describe('a PBX user state → CloudLink presence → the Teams session', () => {
  it.each([
    [null, 'Unknown', null, 'clear'],
    [{ lineState: 'idle', presence: null, dnd: null }, 'Available', 'phone', 'clear'],
    [{ lineState: 'busy', presence: null, dnd: null }, 'Busy', 'phone', 'set:Busy:InACall'],
    [{ lineState: 'held', presence: 'available', dnd: false }, 'Busy', 'phone', 'set:Busy:InACall'],
    [{ lineState: 'ringing', presence: 'available', dnd: false }, 'Available', 'phone', 'clear'],
    [{ lineState: 'idle', presence: 'meeting', dnd: false }, 'Busy', 'pbxUser', 'set:Busy:InACall'],
    [{ lineState: 'busy', presence: 'absent', dnd: false }, 'Away', 'pbxUser', 'set:Away:Away'],
    [{ lineState: 'idle', presence: 'available', dnd: true }, 'DoNotDisturb', 'pbxDnd', 'set:DoNotDisturb:Presenting'],
    [{ lineState: 'unavailable', presence: null, dnd: null }, 'Unknown', null, 'clear'],
  ] as const)('%j → %s (decided by %s) → %s', (state, presence, decidedBy, action) => {
    const d = desiredPresence(state);
    expect(d.presence).toBe(presence);
    expect(d.decidedBy).toBe(decidedBy);
    expect(actionKey(d.action)).toBe(action);
  });
});
