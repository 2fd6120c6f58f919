import { describe, expect, it } from 'vitest';
import type { PbxUserRecord } from '@/lib/gateway/protocol/schemas';
import { fingerprint, planSync, type AccountUser, type MirrorRow } from '@/lib/gateway/sync/plan-sync';

const rec = (n: number, extra: Partial<PbxUserRecord> = {}): PbxUserRecord => ({
  pbxUserId: `u-${n}`,
  firstName: `First${n}`,
  lastName: `Last${n}`,
  email: `user${n}@example.test`,
  extensions: [`${1000 + n}`],
  cloudlinkRole: true,
  devices: 1,
  ...extra,
});
const linked = (r: PbxUserRecord, userId: string, present = true): MirrorRow => ({ pbxUserId: r.pbxUserId, userId, fingerprint: fingerprint(r), present });
const user = (id: string, email: string, extra: Partial<AccountUser> = {}): AccountUser => ({ id, email, source: 'pbx', inactive: false, externalId: null, ...extra });

describe('planSync (GW-3)', () => {
  it('creates every PBX user with an e-mail on the first sync and lists those without one', () => {
    const plan = planSync([rec(1), rec(2, { email: null }), rec(3, { email: 'not-an-address' })], [], [], new Set());
    expect(plan.create.map((r) => r.pbxUserId)).toEqual(['u-1']);
    expect(plan.skipped.map((s) => [s.record.pbxUserId, s.reason])).toEqual([
      ['u-2', 'noEmail'],
      ['u-3', 'noEmail'],
    ]);
    expect(plan.mirror).toHaveLength(3);
  });

  it('changes nothing when the snapshot is the same as the last one', () => {
    const snapshot = [rec(1), rec(2)];
    const plan = planSync(snapshot, [linked(rec(1), 'a'), linked(rec(2), 'b')], [user('a', 'user1@example.test'), user('b', 'user2@example.test')], new Set());
    expect(plan).toMatchObject({ create: [], update: [], deactivate: [], mirror: [], gone: [], unchanged: 2 });
  });

  it('updates a changed user, deactivates a removed one and reactivates one that came back', () => {
    const mirror = [linked(rec(1), 'a'), linked(rec(2), 'b'), linked(rec(3), 'c', false)];
    const accountUsers = [user('a', 'user1@example.test'), user('b', 'user2@example.test'), user('c', 'user3@example.test', { inactive: true })];
    const plan = planSync([rec(1, { extensions: ['2001'] }), rec(3)], mirror, accountUsers, new Set());
    expect(plan.update.map((u) => [u.userId, u.reactivate])).toEqual([
      ['a', false],
      ['c', true],
    ]);
    expect(plan.deactivate).toEqual(['b']);
    expect(plan.gone).toEqual(['u-2']);
  });

  it('takes over a portal user of the account with the same e-mail instead of creating a second one (USR-4)', () => {
    const plan = planSync([rec(1)], [], [user('p', 'USER1@example.test', { source: 'portal' })], new Set());
    expect(plan.create).toEqual([]);
    expect(plan.update).toEqual([{ userId: 'p', record: rec(1), link: true, reactivate: false }]);
  });

  it('skips an e-mail held outside the account or by another PBX user, without saying where (USR-8)', () => {
    const elsewhere = planSync([rec(1)], [], [], new Set(['user1@example.test']));
    expect(elsewhere.skipped.map((s) => s.reason)).toEqual(['emailInUse']);
    const twice = planSync([rec(1), rec(2, { email: 'user1@example.test' })], [], [], new Set());
    expect(twice.create.map((r) => r.pbxUserId)).toEqual(['u-1']);
    expect(twice.skipped.map((s) => [s.record.pbxUserId, s.reason])).toEqual([['u-2', 'emailInUse']]);
  });

  it('ignores a user the snapshot repeats (a page fetched twice)', () => {
    const plan = planSync([rec(1), rec(1)], [], [], new Set());
    expect(plan.create).toHaveLength(1);
  });
});
