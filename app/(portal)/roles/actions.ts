'use server';

import { revalidatePath } from 'next/cache';
import { runAsUser } from '@/lib/actions/run-action';
import type { Ctx } from '@/lib/db/transaction';
import { assignRoleAccounts } from '@/lib/roles/assign-role-accounts';
import { createRole } from '@/lib/roles/create-role';
import { deleteRole } from '@/lib/roles/delete-role';
import { unassignRoleAccounts } from '@/lib/roles/unassign-role-accounts';
import { updateRole } from '@/lib/roles/update-role';

// Thin on purpose: every command parses its input, checks the partner, the permission and the
// scope, and audits. The ids come from the page's URL or the table's selection; none is trusted.

/** Runs a roles command as the signed-in user; a success refreshes the roles pages. */
async function run<T>(fn: (ctx: Ctx) => Promise<T>) {
  const res = await runAsUser(fn);
  if (res.ok) revalidatePath('/roles', 'layout');
  return res;
}

/** ROLE-2/5: New role and Duplicate role. Roles "Add". */
export async function createRoleAction(values: Record<string, unknown>) {
  return run((ctx) => createRole({ ctx, input: values }));
}

/** ROLE-2/3: name, description and boxes of a custom role. Roles "Edit". */
export async function updateRoleAction(roleId: string, values: Record<string, unknown>) {
  return run((ctx) => updateRole({ ctx, input: { ...values, roleId } }));
}

/** ROLE-5: Delete role (typed word in the UI). Roles "Delete". */
export async function deleteRoleAction(roleId: string) {
  return run((ctx) => deleteRole({ ctx, input: { roleId } }));
}

/** ROLE-4: assign an Admin-based role to accounts. Roles "Edit". */
export async function assignRoleAccountsAction(roleId: string, accountIds: string[]) {
  return run((ctx) => assignRoleAccounts({ ctx, input: { roleId, accountIds } }));
}

/** ROLE-4: unassign a role from accounts. Roles "Edit". */
export async function unassignRoleAccountsAction(roleId: string, accountIds: string[]) {
  return run((ctx) => unassignRoleAccounts({ ctx, input: { roleId, accountIds } }));
}
