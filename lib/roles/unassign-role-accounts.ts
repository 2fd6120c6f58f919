import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { roleAccounts } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { recordEvents } from '@/lib/events/record-event';
import { accountsForRole } from './role-accounts';
import { RoleAccountsInput } from './schemas';
import { RoleInUseError, getCustomRoleForChange, holdersOf } from './scope';

/**
 * ROLE-4: takes a custom role away from customer accounts. Refused, for all of them, while users
 * of those accounts hold the role (saying how many): they would keep a role their account lacks.
 */
export async function unassignRoleAccounts({ ctx, input }: Command<unknown>): Promise<{ unassigned: number }> {
  const parsed = RoleAccountsInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'roles', 'edit');
  return withTransaction(ctx, async (tx) => {
    const role = await getCustomRoleForChange(tx, ctx.actor, parsed.data.roleId);
    const targets = await accountsForRole(tx, ctx.actor, role, parsed.data.accountIds);
    const ids = targets.map((a) => a.id);
    // Delete first, count after: a user form giving the role away right now holds a share lock on
    // the assignment (update-user), so we wait for it and then count its user too.
    const removed = await tx
      .delete(roleAccounts)
      .where(and(eq(roleAccounts.roleId, role.id), inArray(roleAccounts.accountId, ids)))
      .returning({ accountId: roleAccounts.accountId });
    const holders = await holdersOf(tx, role.id, ids);
    if (holders > 0) throw new RoleInUseError('roles.errors.unassignInUse', holders);
    const names = new Map(targets.map((a) => [a.id, a.name]));
    await recordEvents(
      tx,
      ctx,
      removed.map(({ accountId }) => ({
        action: 'Edit' as const,
        asset: 'Role' as const,
        assetId: role.id,
        accountId,
        partnerOrgId: role.partnerOrgId,
        core: { change: 'unassignedFromAccount', role: role.name, account: names.get(accountId) },
        before: { assigned: true },
        after: { assigned: false },
      })),
    );
    return { unassigned: removed.length };
  });
}
