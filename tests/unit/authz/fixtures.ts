import type { Actor, Permission } from '../../../lib/authz';

export function makeActor(overrides: Partial<Actor> = {}): Actor {
  return {
    userId: 'u-1',
    kind: 'accountUser',
    name: 'Test Actor',
    partnerOrgId: 'org-1',
    accountId: 'acc-1',
    roleId: null,
    baseRole: 'admin',
    permissions: new Set<Permission>(),
    managedAccountIds: null,
    ...overrides,
  };
}
