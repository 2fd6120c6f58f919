import 'server-only';
import { eq } from 'drizzle-orm';
import { roleAccounts, roles } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { RoleRef } from './schemas';
import { RoleInUseError, assertWholeRoleInScope, getCustomRoleForChange, holdersOf, permissionsOf, roleAuditView } from './scope';

/**
 * ROLE-5: deletes a custom role (the UI asks for the typed word). Refused while users hold it,
 * saying how many, so nobody is left without a role.
 */
export async function deleteRole({ ctx, input }: Command<unknown>): Promise<{ id: string }> {
  const parsed = RoleRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'roles', 'delete');
  return withTransaction(ctx, async (tx) => {
    const role = await getCustomRoleForChange(tx, ctx.actor, parsed.data.roleId);
    await assertWholeRoleInScope(tx, ctx.actor, role);
    // The assignments go first: a user form giving the role away at this moment holds a share
    // lock on its assignment (update-user), so either we wait and then count that user, or it
    // finds the assignment gone and refuses.
    const assigned = await tx.delete(roleAccounts).where(eq(roleAccounts.roleId, role.id)).returning({ accountId: roleAccounts.accountId });
    const holders = await holdersOf(tx, role.id);
    if (holders > 0) throw new RoleInUseError('roles.errors.inUse', holders);
    const before = { ...roleAuditView(role, await permissionsOf(tx, role)), accounts: assigned.map((a) => a.accountId).sort() };
    await tx.delete(roles).where(eq(roles.id, role.id));
    await recordEvent(tx, ctx, { action: 'Delete', asset: 'Role', assetId: role.id, accountId: null, partnerOrgId: role.partnerOrgId, before });
    return { id: role.id };
  });
}
