import type { Actor } from '@/lib/authz/types';

/** The actor of work the platform does by itself (seed, jobs, first sign-in provisioning). */
export function systemActor(scope: { partnerOrgId?: string | null; accountId?: string | null } = {}): Actor {
  return {
    userId: null,
    kind: 'system',
    name: 'System',
    partnerOrgId: scope.partnerOrgId ?? null,
    accountId: scope.accountId ?? null,
    roleId: null,
    baseRole: 'partner',
    permissions: new Set(),
    managedAccountIds: null,
  };
}

/** A user acting on its own record (registration, password reset) before it has a session. */
export function selfActor(user: { id: string; partnerOrgId: string; accountId: string | null; displayName: string }): Actor {
  return {
    ...systemActor({ partnerOrgId: user.partnerOrgId, accountId: user.accountId }),
    userId: user.id,
    kind: user.accountId ? 'accountUser' : 'partner',
    name: user.displayName,
  };
}

/** The PBX sync and the gateway, shown as "Solution" in the event history (GW-3). */
export function solutionActor(account: { partnerOrgId: string; id: string }): Actor {
  return { ...systemActor({ partnerOrgId: account.partnerOrgId, accountId: account.id }), kind: 'solution', name: 'Solution' };
}
