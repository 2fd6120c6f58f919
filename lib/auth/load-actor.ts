import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accountManagerAssignments, accounts, partnerOrgs, rolePermissions, roles, users } from '@/db/schema';
import { defaultPermissions, normalisePermissions } from '@/lib/authz';
import type { Actor, Permission } from '@/lib/authz/types';

export interface SignedInUser {
  actor: Actor;
  email: string;
  locale: string | null;
  accountDefaultLanguage: string | null;
  accountName: string | null;
  /** The header's organisation line: the customer account, or a partner's own organisation. */
  organisationName: string;
  isPasswordUser: boolean;
}

/**
 * Builds the actor of a signed-in user from the database on every request, so a role change,
 * a deactivated account or a revoked session takes effect at once (Beyond AUTH).
 * Returns null when the session no longer stands.
 */
export async function loadSignedInUser(q: DbOrTx, userId: string, sessionVersion: number | 'any'): Promise<SignedInUser | null> {
  const [row] = await q
    .select({ user: users, role: roles, accountStatus: accounts.status, accountLanguage: accounts.defaultLanguage, accountName: accounts.name, orgName: partnerOrgs.name })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .innerJoin(partnerOrgs, eq(partnerOrgs.id, users.partnerOrgId))
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || (sessionVersion !== 'any' && row.user.sessionVersion !== sessionVersion)) return null;
  if (row.user.accountId && row.accountStatus !== 'active') return null;

  const { user, role } = row;
  let permissions: Set<Permission>;
  if (role.key) {
    permissions = defaultPermissions(role.baseRole);
  } else {
    const ticked = await q.select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, role.id));
    permissions = normalisePermissions(role.baseRole, ticked.map((t) => t.p));
  }

  let managedAccountIds: string[] | null = null;
  if (user.isAccountManager) {
    const assigned = await q
      .select({ id: accountManagerAssignments.accountId })
      .from(accountManagerAssignments)
      .where(eq(accountManagerAssignments.userId, user.id));
    managedAccountIds = assigned.map((a) => a.id);
  }

  const actor: Actor = {
    userId: user.id,
    kind: user.accountId ? 'accountUser' : 'partner',
    name: user.displayName,
    partnerOrgId: user.partnerOrgId,
    accountId: user.accountId,
    roleId: role.id,
    baseRole: role.baseRole,
    permissions,
    managedAccountIds,
  };
  return {
    actor,
    email: user.email,
    locale: user.locale,
    accountDefaultLanguage: row.accountLanguage,
    accountName: row.accountName,
    organisationName: row.accountName ?? row.orgName,
    isPasswordUser: user.source !== 'oidc',
  };
}

/**
 * The actor on whose behalf a job runs: rebuilt from the requesting user when the job starts, so
 * a job re-checks permission and scope with the user's current role (or fails if they lost it).
 */
export async function loadActorForJob(q: DbOrTx, userId: string): Promise<Actor | null> {
  return (await loadSignedInUser(q, userId, 'any'))?.actor ?? null;
}
