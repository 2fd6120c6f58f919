import { describe, expect, it } from 'vitest';
import { defaultPermissions } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { bulkActionsFor } from '@/lib/users/bulk-actions';
import { ListUsersParams, MobileField, NewUserForm } from '@/lib/users/schemas';
import { isSourceOwned } from '@/lib/users/source';

const actor = (baseRole: 'admin' | 'user', drop: string[] = []): Actor => ({
  userId: '00000000-0000-0000-0000-000000000001',
  kind: 'accountUser',
  name: 'A',
  partnerOrgId: null,
  accountId: null,
  roleId: null,
  baseRole,
  permissions: new Set([...defaultPermissions(baseRole)].filter((p) => !drop.includes(p))),
  managedAccountIds: null,
});

describe('users schemas', () => {
  it('normalise mobile numbers so the same number is the same value (USR-8)', () => {
    expect(MobileField.parse('+31 6 1234-5678')).toBe('+31612345678');
    expect(MobileField.parse('(020) 123 45 67')).toBe('0201234567');
    expect(MobileField.parse('  ')).toBeNull();
    expect(MobileField.safeParse('call me').error?.issues[0]?.message).toBe('users.errors.invalidPhone');
  });

  it('trim names and e-mail and default the Account Admin toggle to off', () => {
    expect(NewUserForm.parse({ firstName: ' Ann ', lastName: 'Lee', email: ' ann@x.example ' })).toEqual({ firstName: 'Ann', lastName: 'Lee', email: 'ann@x.example', accountAdmin: false });
  });

  it('fall back to defaults for bad list parameters instead of failing', () => {
    expect(ListUsersParams.parse({ sort: 'password_hash', dir: 'sideways', filter: 'x', size: '1000', q: 'a'.repeat(200) })).toMatchObject({ sort: 'name', dir: 'asc', filter: undefined, size: 25, q: '' });
  });
});

describe('the Manage panel registry (USR-5)', () => {
  it('offers each action only with its permission, and nothing without Add or Edit on Users', () => {
    expect(bulkActionsFor(actor('admin'))).toEqual(['resetPasswords', 'sendWelcome', 'deleteUsers']);
    expect(bulkActionsFor(actor('admin', ['users.delete']))).toEqual(['resetPasswords', 'sendWelcome']);
    expect(bulkActionsFor(actor('admin', ['users.edit']))).toEqual(['sendWelcome', 'deleteUsers']);
    expect(bulkActionsFor(actor('admin', ['users.add', 'users.edit']))).toEqual([]);
    expect(bulkActionsFor(actor('user'))).toEqual([]);
  });

  it('marks the source-owned fields of external users only (USR-4)', () => {
    expect(isSourceOwned('pbx', 'email')).toBe(true);
    expect(isSourceOwned('scim', 'mobile')).toBe(false);
    expect(isSourceOwned('portal', 'email')).toBe(false);
  });
});
