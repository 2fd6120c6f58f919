import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { roleAccounts, roles } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { isUuid } from '@/lib/ids';

export interface AssignableRole {
  id: string;
  name: string;
}

/**
 * ROLE-4: the custom roles a user of this account can be given, beside User and Account Admin:
 * the Admin-based roles of the account's partner organisation assigned to the account. For the
 * user form, so it needs Roles "Assign" and the account in scope.
 */
export async function rolesForAccount(q: DbOrTx, actor: Actor, accountId: string): Promise<AssignableRole[]> {
  authorize(actor, 'roles', 'assign');
  const account = await getAccountInScope(q, actor, accountId);
  return q
    .select({ id: roles.id, name: roles.name })
    .from(roleAccounts)
    .innerJoin(roles, eq(roles.id, roleAccounts.roleId))
    .where(and(eq(roleAccounts.accountId, account.id), eq(roles.partnerOrgId, account.partnerOrgId), eq(roles.baseRole, 'admin')))
    .orderBy(asc(sql`lower(${roles.name})`), asc(roles.id));
}

/**
 * The custom role `roleId` if a user of `account` may hold it (Admin-based, of the account's
 * organisation, assigned to the account), else null. The assignment row is share-locked, so a
 * concurrent unassign or role deletion waits for this transaction and then sees its user.
 */
export async function assignedRoleFor(tx: DbOrTx, account: { id: string; partnerOrgId: string }, roleId: string): Promise<AssignableRole | null> {
  if (!isUuid(roleId)) return null;
  const [row] = await tx
    .select({ id: roles.id, name: roles.name })
    .from(roleAccounts)
    .innerJoin(roles, eq(roles.id, roleAccounts.roleId))
    .where(and(eq(roleAccounts.roleId, roleId), eq(roleAccounts.accountId, account.id), eq(roles.partnerOrgId, account.partnerOrgId), eq(roles.baseRole, 'admin')))
    .limit(1)
    .for('share', { of: roleAccounts });
  return row ?? null;
}
