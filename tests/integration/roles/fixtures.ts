import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { roleAccounts, rolePermissions, roles } from '@/db/schema';
import { applicableCells, toggleCell } from '@/lib/authz';
import type { Actor, Permission } from '@/lib/authz/types';
import { createRole } from '@/lib/roles/create-role';

/** Fixtures for the roles tests (not a test file itself). */

/** Every box of the Admin variant except Users → Delete: the "Helpdesk" role of the journey. */
export function withoutUsersDelete(): Permission[] {
  return [...toggleCell('admin', new Set(applicableCells('admin')), 'users.delete', false)];
}

export async function newRole(actor: Actor, values: { name: string; baseRole?: 'partner' | 'admin'; permissions?: Permission[]; description?: string }): Promise<string> {
  const baseRole = values.baseRole ?? 'admin';
  const { id } = await createRole({
    ctx: { actor },
    input: { name: values.name, description: values.description ?? '', baseRole, permissions: values.permissions ?? applicableCells(baseRole) },
  });
  return id;
}

export async function roleRow(id: string) {
  const [row] = await db().select().from(roles).where(eq(roles.id, id)).limit(1);
  return row;
}

export async function storedPermissions(roleId: string): Promise<string[]> {
  const rows = await db().select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, roleId)).orderBy(asc(rolePermissions.permission));
  return rows.map((r) => r.p);
}

export async function assignedAccounts(roleId: string): Promise<string[]> {
  const rows = await db().select({ a: roleAccounts.accountId }).from(roleAccounts).where(eq(roleAccounts.roleId, roleId));
  return rows.map((r) => r.a).sort();
}
