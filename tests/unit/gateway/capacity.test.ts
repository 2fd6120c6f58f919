import { describe, expect, it } from 'vitest';
import { checkCapacity, PBX_CAPACITY } from '@/lib/gateway/sync/capacity';

const users = (n: number, role = true) => Array.from({ length: n }, () => ({ cloudlinkRole: role, devices: 1 }));

describe('CloudLink-role capacity per PBX (GW-4, MS Teams solution guide)', () => {
  it.each([
    ['mivb', 2500],
    ['mv5000', 2500],
    ['mxone', 5000],
    ['mivo400', 800],
  ] as const)('%s allows %i users with the role and refuses one more, naming the limit', (type, limit) => {
    expect(PBX_CAPACITY[type].roleUsers).toBe(limit);
    expect(checkCapacity(type, users(limit))).toMatchObject({ ok: true, roleUsers: limit });
    expect(checkCapacity(type, users(limit + 1))).toEqual({ ok: false, key: 'gateway.errors.overRoleLimit', params: expect.objectContaining({ limit, count: limit + 1, excess: 1 }) });
  });

  it('counts only users with the role, except on MiVoice Office 400 where every user counts', () => {
    const mixed = [...users(2500), ...users(4000, false)];
    expect(checkCapacity('mivb', mixed)).toMatchObject({ ok: true, roleUsers: 2500 });
    expect(checkCapacity('mivo400', users(801, false)).ok).toBe(false);
  });

  it('reports more devices than the PBX supports without refusing the sync', () => {
    const many = Array.from({ length: 3000 }, () => ({ cloudlinkRole: false, devices: 2 }));
    expect(checkCapacity('mivb', many)).toEqual({ ok: true, roleUsers: 0, devices: 6000, overDevices: true });
    expect(checkCapacity('mxone', many)).toMatchObject({ overDevices: false });
  });
});
