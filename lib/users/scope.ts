import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { accounts, roles, users, type Role, type User } from '@/db/schema';
import { accountScope } from '@/lib/accounts/scope';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UserInScope {
  user: User;
  role: Role;
  account: { id: string; partnerOrgId: string; name: string; status: string };
}

/**
 * Fetches a user of `accountId` that the actor may reach, or throws NotFound. Tenancy is in the
 * WHERE clause (account in the actor's scope AND user in that account), so a user id of another
 * account looks absent whatever URL or form carries it. `lock` takes a row lock for commands.
 */
export async function getUserInScope(q: DbOrTx, actor: Actor, ref: { accountId: string; userId: string }, lock = false): Promise<UserInScope> {
  if (!UUID.test(ref.accountId) || !UUID.test(ref.userId)) throw new NotFoundError();
  const query = q
    .select({ user: users, role: roles, account: { id: accounts.id, partnerOrgId: accounts.partnerOrgId, name: accounts.name, status: accounts.status } })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(users.id, ref.userId), eq(users.accountId, ref.accountId), eq(accounts.id, ref.accountId), accountScope(actor)))
    .limit(1);
  const [row] = lock ? await query.for('update', { of: users }) : await query;
  if (!row) throw new NotFoundError();
  return row;
}

/** The id of a fixed base role (ROLE-1). */
export async function baseRoleIdOf(tx: Tx, key: 'admin' | 'user'): Promise<string> {
  const [role] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.key, key)).limit(1);
  if (!role) throw new Error(`base role ${key} is missing`);
  return role.id;
}

/** The fields of a user that audit events carry (never the password hash or tokens). */
export function auditView(user: User, roleKey: string | null) {
  return {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    mobile: user.mobile,
    role: roleKey,
    source: user.source,
    registered: user.registeredAt !== null,
  };
}
