import 'server-only';
import { roleAccounts } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { recordEvents } from '@/lib/events/record-event';
import { accountsForRole, assertAssignable } from './role-accounts';
import { RoleAccountsInput } from './schemas';
import { getCustomRoleForChange } from './scope';

/**
 * ROLE-4: assigns an Admin-based custom role to customer accounts, after which it can be given to
 * any user there. Roles "Edit" (seed 2.14.5). Accounts that already have it stay as they are; each
 * new assignment is one audit event on the account.
 */
export async function assignRoleAccounts({ ctx, input }: Command<unknown>): Promise<{ assigned: number }> {
  const parsed = RoleAccountsInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'roles', 'edit');
  return withTransaction(ctx, async (tx) => {
    const role = await getCustomRoleForChange(tx, ctx.actor, parsed.data.roleId);
    assertAssignable(role);
    const targets = await accountsForRole(tx, ctx.actor, role, parsed.data.accountIds);
    const inserted = await tx
      .insert(roleAccounts)
      .values(targets.map((a) => ({ roleId: role.id, accountId: a.id })))
      .onConflictDoNothing()
      .returning({ accountId: roleAccounts.accountId });
    const names = new Map(targets.map((a) => [a.id, a.name]));
    await recordEvents(
      tx,
      ctx,
      inserted.map(({ accountId }) => ({
        action: 'Edit' as const,
        asset: 'Role' as const,
        assetId: role.id,
        accountId,
        partnerOrgId: role.partnerOrgId,
        core: { change: 'assignedToAccount', role: role.name, account: names.get(accountId) },
        before: { assigned: false },
        after: { assigned: true },
      })),
    );
    return { assigned: inserted.length };
  });
}
