import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { accounts, users } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { NotFoundError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { SetAccountStatusInput } from './schemas';
import { getAccountInScope } from './scope';
import { accountSnapshot } from './snapshot';

/**
 * ACC-4: deactivates an account (its users are locked out at once: sign-in refuses them, and every
 * open session stops on its next request because sessions are re-checked against the account) or
 * reactivates it. Deactivation also revokes the users' sessions for good, so reactivating lets
 * them sign in again without reviving a session left open on some device meanwhile. Like deleting, this is a partner's lifecycle action, so it needs the
 * Account Delete permission, which the account-admin matrix does not have (seed 2.14.1): an
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
    const [updated] = await tx
      .update(accounts)
      .set({ status, deactivatedAt: status === 'deactivated' ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(accounts.id, account.id), eq(accounts.status, account.status)))
      .returning();
    if (!updated) throw new NotFoundError();
    if (status === 'deactivated') {
      await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.accountId, account.id));
    }
    await recordEvent(tx, ctx, {
      action: 'Edit',
      asset: 'Account',
      assetId: account.id,
      accountId: account.id,
      partnerOrgId: account.partnerOrgId,
      before: accountSnapshot(account),
      after: accountSnapshot(updated),
      tags: [status === 'deactivated' ? 'deactivated' : 'reactivated'],
    });
  });
}
