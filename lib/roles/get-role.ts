import 'server-only';
import { count, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { roleAccounts } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Actor, BaseRole, Permission } from '@/lib/authz/types';
import { getVisibleRole, holdersOf, permissionsOf } from './scope';

export interface RoleDetail {
  id: string;
  /** Set for the fixed base roles (ROLE-1), which open read-only. */
  key: BaseRole | null;
  name: string;
  description: string;
  baseRole: BaseRole;
  permissions: Permission[];
  /** Users holding a custom role; null for a base role (shown on the list instead). */
  userCount: number | null;
  accountCount: number;
}

/** A role page's data: a base role or a custom role of the actor's organisation (else NotFound). */
export async function getRole(q: DbOrTx, actor: Actor, roleId: string): Promise<RoleDetail> {
  authorize(actor, 'roles', 'view');
  const role = await getVisibleRole(q, actor, roleId);
  const [permissions, userCount, [assigned]] = await Promise.all([
    permissionsOf(q, role),
    role.key ? Promise.resolve(null) : holdersOf(q, role.id),
    q.select({ n: count() }).from(roleAccounts).where(eq(roleAccounts.roleId, role.id)),
  ]);
  return {
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description ?? '',
    baseRole: role.baseRole,
    permissions,
    userCount,
    accountCount: assigned?.n ?? 0,
  };
}
