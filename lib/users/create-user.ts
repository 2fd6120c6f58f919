import 'server-only';
import { users } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { CreateUserInput } from './schemas';
import { auditView, baseRoleIdOf } from './scope';
import { sendWelcomeMail } from './send-welcome';
import { assertAttributesFree, conflictFromUniqueViolation } from './unique';

/**
 * USR-2: adds a user to an account and sends the welcome mail (AUTH-3). The "Account Admin"
 * toggle assigns a role, so it also needs the Roles "Assign" permission.
 */
export async function createUser({ ctx, input }: Command<unknown>): Promise<{ id: string }> {
  const parsed = CreateUserInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { accountId, firstName, lastName, email, accountAdmin } = parsed.data;
  authorize(ctx.actor, 'users', 'add');
  if (accountAdmin) authorize(ctx.actor, 'roles', 'assign');
  try {
    return await withTransaction(ctx, async (tx) => {
      const account = await getAccountInScope(tx, ctx.actor, accountId);
      await assertAttributesFree(tx, { accountId: account.id, email });
      const roleKey = accountAdmin ? 'admin' : 'user';
      const [user] = await tx
        .insert(users)
        .values({
          partnerOrgId: account.partnerOrgId,
          accountId: account.id,
          email,
          firstName,
          lastName,
          displayName: `${firstName} ${lastName}`,
          roleId: await baseRoleIdOf(tx, roleKey),
          source: 'portal',
          updatedBy: ctx.actor.name,
        })
        .returning();
      await recordEvent(tx, ctx, { action: 'Create', asset: 'User', assetId: user!.id, accountId: account.id, partnerOrgId: account.partnerOrgId, after: auditView(user!, roleKey) });
      await sendWelcomeMail(tx, user!.id);
      return { id: user!.id };
    });
  } catch (e) {
    throw conflictFromUniqueViolation(e) ?? e;
  }
}
