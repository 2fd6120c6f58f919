import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accounts } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { NotFoundError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { enqueue } from '@/lib/jobs/boss';
import { notify } from '@/lib/notifications/notifications';
import { DeleteAccountInput } from './schemas';
import { getAccountInScope } from './scope';
import { accountSnapshot } from './snapshot';

/**
 * ACC-5: deletes an account. The command itself only marks it `deleting`, which takes it out of
 * every list and locks its users out at once; the `account-delete` job then removes its data in
 * batches (an account may hold 100k users) and reports progress to the requesting user.
 */
export async function deleteAccount({ ctx, input }: Command<unknown>): Promise<{ notificationId: string | null }> {
  const parsed = DeleteAccountInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'account', 'delete');

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const [marked] = await tx
      .update(accounts)
      .set({ status: 'deleting', updatedAt: new Date() })
      .where(and(eq(accounts.id, account.id), eq(accounts.status, account.status)))
      .returning({ id: accounts.id });
    if (!marked) throw new NotFoundError();
    await recordEvent(tx, ctx, {
      action: 'Delete',
      asset: 'Account',
      assetId: account.id,
      accountId: account.id,
      partnerOrgId: account.partnerOrgId,
      before: accountSnapshot(account),
    });
    // Not tied to the account (accountId null): the notification must outlive the account row,
    // whose deletion cascades to the account's notifications.
    const notificationId = ctx.actor.userId
      ? await notify(tx, { userId: ctx.actor.userId, status: 'running', progress: 0, titleKey: 'accounts.deleteJob.running', params: { name: account.name } })
      : null;
    await enqueue(tx, 'account-delete', { accountId: account.id, actorUserId: ctx.actor.userId, notificationId });
    return { notificationId };
  });
}
