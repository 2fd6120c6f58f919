import { describe, expect, it } from 'vitest';
import {
  CLOUDLINK_PRECEDENCE,
  cloudLinkPresenceOf,
  combineCloudLink,
  gatewayPresenceToCloudLink,
  lineStateToPhone,
  mitelOneToCloudLink,
  pbxUserToCloudLink,
  phoneToCloudLink,
  type CloudLinkPresence,
  type GatewayLineState,
  type GatewayUserPresence,
  type PresenceSource,
} from '@/lib/presence/cloudlink';

describe('source mappings (seed 404-408, 468, 488-492)', () => {
  it.each([
    ['Available', 'Available'],
    ['Absent', 'Away'],
    ['Busy', 'Busy'],
    ['Meeting', 'Busy'],
    ['NotAvailable', 'NotAvailable'],
  ] as const)('MiVO400 %s → %s', (pbx, cl) => expect(pbxUserToCloudLink(pbx)).toBe(cl));

  it.each([
    ['Available', 'Available'],
    ['Away', 'Away'],
    ['Busy', 'Busy'],
    ['NotAvailable', 'NotAvailable'],
  ] as const)('Mitel One %s → %s', (m1, cl) => expect(mitelOneToCloudLink(m1)).toBe(cl));

  it.each([
    ['Available', 'Available'],
    ['Busy', 'Busy'],
  ] as const)('phone %s → %s', (phone, cl) => expect(phoneToCloudLink(phone)).toBe(cl));
});

describe('gateway vocabulary (docs/gateway-protocol.md §4)', () => {
  it.each([
    ['idle', 'Available'],
    ['ringing', 'Available'],
    ['busy', 'Busy'],
    ['held', 'Busy'],
    ['unavailable', null],
  ] as const)('line state %s → %s', (state, phone) => expect(lineStateToPhone(state)).toBe(phone));

  it.each([
    ['available', 'Available'],
    ['away', 'Away'],
    ['absent', 'Away'],
    ['busy', 'Busy'],
    ['meeting', 'Busy'],
    ['doNotDisturb', 'DoNotDisturb'],
    ['notAvailable', 'NotAvailable'],
    ['offline', 'Offline'],
  ] as const)('user presence %s → %s', (p, cl) => expect(gatewayPresenceToCloudLink(p)).toBe(cl));

  it('values this version does not know add nothing', () => {
    expect(lineStateToPhone('dialing' as GatewayLineState)).toBeNull();
    expect(lineStateToPhone('toString' as GatewayLineState)).toBeNull();
    expect(gatewayPresenceToCloudLink('lunch' as GatewayUserPresence)).toBe('Unknown');
  });
});

// The seed's "Away > Do not disturb > Busy > Available > Offline > Unknown" (seed 396) with
// NotAvailable ranked directly after Away.
const EXPECTED_ORDER: CloudLinkPresence[] = ['Away', 'NotAvailable', 'DoNotDisturb', 'Busy', 'Available', 'Offline', 'Unknown'];
const pairs = EXPECTED_ORDER.flatMap((hi, i) => EXPECTED_ORDER.slice(i + 1).map((lo) => [hi, lo] as const));

describe('combineCloudLink (seed 396)', () => {
  it('ranks every presence', () => {
    expect([...CLOUDLINK_PRECEDENCE]).toEqual(EXPECTED_ORDER);
  });

  it.each(pairs)('%s beats %s in either order', (hi, lo) => {
    const a: PresenceSource = { source: 'phone', presence: hi };
    const b: PresenceSource = { source: 'pbxUser', presence: lo };
    expect(combineCloudLink([a, b])).toEqual({ presence: hi, decidedBy: a });
    expect(combineCloudLink([b, a])).toEqual({ presence: hi, decidedBy: a });
  });

  it('no sources → Unknown, decided by nothing', () => {
    expect(combineCloudLink([])).toEqual({ presence: 'Unknown', decidedBy: null });
    expect(cloudLinkPresenceOf({})).toEqual({ presence: 'Unknown', decidedBy: null });
  });

  it('decidedBy names the winning source; of equals, the first', () => {
    const dnd: PresenceSource = { source: 'pbxDnd', presence: 'DoNotDisturb' };
    const phone: PresenceSource = { source: 'phone', presence: 'Busy' };
    expect(combineCloudLink([phone, dnd]).decidedBy).toBe(dnd);
    const m1: PresenceSource = { source: 'mitelOne', presence: 'Busy' };
    expect(combineCloudLink([phone, m1]).decidedBy).toBe(phone);
    expect(combineCloudLink([m1, phone]).decidedBy).toBe(m1);
  });
});

describe('cloudLinkPresenceOf', () => {
  it('a call on the phone decides Busy', () => {
    expect(cloudLinkPresenceOf({ phone: 'Busy', pbxUser: 'Available', mitelOne: 'Available' })).toEqual({
      presence: 'Busy',
      decidedBy: { source: 'phone', presence: 'Busy' },
    });
  });
  it('Away set in Mitel One survives a call (seed 412)', () => {
    expect(cloudLinkPresenceOf({ phone: 'Busy', mitelOne: 'Away' })).toEqual({ presence: 'Away', decidedBy: { source: 'mitelOne', presence: 'Away' } });
  });
  it('PBX DND contributes DoNotDisturb when on and nothing when off', () => {
    expect(cloudLinkPresenceOf({ phone: 'Busy', pbxDnd: true })).toEqual({ presence: 'DoNotDisturb', decidedBy: { source: 'pbxDnd', presence: 'DoNotDisturb' } });
    expect(cloudLinkPresenceOf({ pbxDnd: false })).toEqual({ presence: 'Unknown', decidedBy: null });
  });
  it('a phone without a session (null) contributes nothing', () => {
    expect(cloudLinkPresenceOf({ phone: null, pbxUser: 'Meeting' })).toEqual({ presence: 'Busy', decidedBy: { source: 'pbxUser', presence: 'Busy' } });
  });
});
