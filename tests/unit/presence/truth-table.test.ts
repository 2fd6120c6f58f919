import { describe, expect, it } from 'vitest';
import { teamsOutcome } from '@/lib/presence/teams-outcome';

type Input = Parameters<typeof teamsOutcome>[0];

// seeds/002_098108fba0726e13.txt lines 445-464: PBX phone × PBX user × Mitel One × Teams client →
// what others see. "Connected, Inactive" = Inactive, "Connected, Active" = Active,
// "Busy (in Teams call/meeting)" = InCall, "Focus/Presenting" = Presenting.
describe('the seed truth table (TEAMS-3)', () => {
  it.each([
    [446, 'Available', 'Available', 'Available', 'Offline', 'Offline'],
    [451, 'Available', 'Available', 'Available', 'Inactive', 'Away'],
    [452, 'Available', 'Available', 'Available', 'Active', 'Available'],
    [453, 'Available', 'Available', 'Available', 'InCall', 'Busy'],
    [454, 'Available', 'Available', 'Available', 'Presenting', 'DoNotDisturb'],
    [455, 'Busy', 'Available', 'Busy', 'Offline', 'Busy'],
    [456, 'Busy', 'Available', 'Busy', 'Inactive', 'Busy'],
    [457, 'Busy', 'Available', 'Busy', 'Active', 'Busy'],
    [458, 'Busy', 'Available', 'Busy', 'InCall', 'Busy'],
    [459, 'Busy', 'Available', 'Busy', 'Presenting', 'DoNotDisturb'],
    [460, 'Available', 'Busy', 'Busy', 'Offline', 'Busy'],
    [461, 'Available', 'Busy', 'Busy', 'Inactive', 'Busy'],
    [462, 'Available', 'Busy', 'Busy', 'Active', 'Busy'],
    [463, 'Available', 'Busy', 'Busy', 'InCall', 'Busy'],
    [464, 'Available', 'Busy', 'Busy', 'Presenting', 'DoNotDisturb'],
  ] as const)('seed line %i: phone %s, PBX user %s, Mitel One %s, Teams %s → %s', (_line, phone, pbxUser, mitelOne, teamsClient, seen) => {
    expect(teamsOutcome({ phone, pbxUser, mitelOne, teamsClient })).toBe(seen);
  });
});

describe('the seed prose rules', () => {
  const allBusy: Input = { phone: 'Busy', pbxUser: 'Busy', mitelOne: 'Busy', pbxDnd: true, teamsClient: 'Presenting' };

  // seed 443: "If you set your presence status explicitly in MS Teams, that presence status always takes precedence".
  it.each(['Available', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offline'] as const)('seed 443: what the user set in Teams (%s) wins', (preferred) => {
    expect(teamsOutcome({ ...allBusy, teamsUserConfigured: preferred })).toBe(preferred);
    expect(teamsOutcome({ phone: 'Available', teamsClient: 'Offline', teamsUserConfigured: preferred })).toBe(preferred);
  });

  // seed 412: Busy on the phone shows Busy in Teams unless the user configured Away; a call made while
  // Away in Mitel One (= Absent on the MiVO400, seed 490) leaves CloudLink Away, so our session is Away.
  it('seed 412: a phone call shows Busy, even over an active Teams client', () => {
    expect(teamsOutcome({ phone: 'Busy', pbxUser: 'Available', mitelOne: 'Available', teamsClient: 'Active' })).toBe('Busy');
  });
  it('seed 412 + 427: a call while Away in Mitel One and logged out of Teams → Away, not Busy', () => {
    expect(teamsOutcome({ phone: 'Busy', pbxUser: 'Absent', mitelOne: 'Away', teamsClient: 'Offline' })).toBe('Away');
    expect(teamsOutcome({ phone: 'Busy', mitelOne: 'Away', teamsClient: 'Inactive' })).toBe('Away');
  });
  it('seed 412 + 427: a call while Away in Mitel One with an active Teams client → the client\'s Available', () => {
    expect(teamsOutcome({ phone: 'Busy', pbxUser: 'Absent', mitelOne: 'Away', teamsClient: 'Active' })).toBe('Available');
  });
  it('seed 427: Away in Mitel One loses to an Available Teams client and beats no client at all', () => {
    expect(teamsOutcome({ phone: 'Available', mitelOne: 'Away', teamsClient: 'Active' })).toBe('Available');
    expect(teamsOutcome({ phone: 'Available', mitelOne: 'Away', teamsClient: 'Offline' })).toBe('Away');
  });
  it('seed 392: a Teams call or presentation still outranks our Away session', () => {
    expect(teamsOutcome({ phone: 'Busy', mitelOne: 'Away', teamsClient: 'InCall' })).toBe('Busy');
    expect(teamsOutcome({ phone: 'Busy', mitelOne: 'Away', teamsClient: 'Presenting' })).toBe('DoNotDisturb');
  });

  // seed 510: "… shown as Do not disturb, if the user has activated the Do not disturb feature on the PBX".
  it('seed 510: PBX DND → Do not disturb over an active Teams client and over a phone call', () => {
    expect(teamsOutcome({ phone: 'Available', pbxUser: 'Available', pbxDnd: true, teamsClient: 'Active' })).toBe('DoNotDisturb');
    expect(teamsOutcome({ phone: 'Busy', pbxDnd: true, teamsClient: 'InCall' })).toBe('DoNotDisturb');
    expect(teamsOutcome({ phone: 'Available', pbxDnd: false, teamsClient: 'Active' })).toBe('Available');
  });
  it('seed 396: a set Away outranks PBX DND in CloudLink, so Teams shows the client state', () => {
    expect(teamsOutcome({ phone: 'Available', pbxUser: 'Absent', pbxDnd: true, teamsClient: 'Active' })).toBe('Available');
  });

  // Not available (seed 404-408, 492) travels as an Away session and, like Away, beats a call and DND.
  it.each([
    ['Offline', 'Away'],
    ['Inactive', 'Away'],
    ['Active', 'Available'],
    ['InCall', 'Busy'],
    ['Presenting', 'DoNotDisturb'],
  ] as const)('Not available with a phone call and PBX DND, Teams %s → %s', (teamsClient, seen) => {
    expect(teamsOutcome({ phone: 'Busy', pbxUser: 'NotAvailable', pbxDnd: true, teamsClient })).toBe(seen);
    expect(teamsOutcome({ phone: 'Busy', mitelOne: 'NotAvailable', pbxDnd: true, teamsClient })).toBe(seen);
  });
  it('Meeting on the MiVO400 counts as Busy (seed 407)', () => {
    expect(teamsOutcome({ phone: 'Available', pbxUser: 'Meeting', teamsClient: 'Active' })).toBe('Busy');
  });
});
