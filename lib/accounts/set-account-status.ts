import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { SetAccountStatusInput } from './schemas';
import { getAccountInScope } from './scope';
import { writeAccountChange } from './write-account-change';

/**
 * ACC-4: deactivates an account (its users are locked out at once: sign-in refuses them, and every
 * open session stops on its next request because sessions are re-checked against the account) or
 * reactivates it. Deactivation also revokes the users' sessions for good, so reactivating lets
 * them sign in again without reviving a session left open on some device meanwhile. Like
 * deleting, this is a partner's lifecycle action, so it needs the Account Delete permission, which the account-admin matrix does not have (seed 2.14.1): an
 * account admin can never lock out its own account. Setting the current status again is a no-op.
 */
export async function setAccountStatus({ ctx, input }: Command<unknown>): Promise<void> {
  const parsed = SetAccountStatusInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'account', 'delete');
  const { accountId, status } = parsed.data;

  await withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    if (account.status === status) return;
    await writeAccountChange(tx, ctx, account, { status, deactivatedAt: status === 'deactivated' ? new Date() : null }, [
      status === 'deactivated' ? 'deactivated' : 'reactivated',
    ]);
    if (status === 'deactivated') {
      await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.accountId, account.id));
    }
  });
}
