import 'server-only';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { notifications, userImportRows, users } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canOpenManage } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, NotFoundError, validationFromZod } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/boss';
import { startProgress } from '@/lib/jobs/progress';
import { BulkRequestInput, bulkActionDef } from './bulk-actions';

/**
 * USR-5 "Manage (x)": starts a users-bulk job for the selected users of an account, or for all of
 * them when `userIds` is null. The progress notification and the job are created in one
 * transaction, so neither exists without the other. Every selected id must be a user of this
 * account; one that is not makes the whole request a NotFound.
 */
export async function requestBulkUsers({ ctx, input }: Command<unknown>): Promise<{ notificationId: string; total: number }> {
  const parsed = BulkRequestInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { accountId, action, importId } = parsed.data;
  const { actor } = ctx;
  if (!canOpenManage(actor) || !bulkActionDef(action).allowed(actor) || !actor.userId) throw new ForbiddenError();
  const requester = actor.userId;
  const userIds = parsed.data.userIds ? [...new Set(parsed.data.userIds)].sort() : null;
  if (importId && userIds) throw new NotFoundError();

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, actor, accountId);
    const [row] = await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.accountId, account.id), userIds ? inArray(users.id, userIds) : importId ? inArray(users.id, importedUserIds(tx, importId)) : undefined));
    const total = row?.n ?? 0;
    if (userIds && total !== userIds.length) throw new NotFoundError();
    if (importId && total === 0) throw new NotFoundError();

    const notificationId = await startProgress({ userId: requester, accountId: account.id, titleKey: `users.bulk.running.${action}`, params: { count: total } }, tx);
    const jobId = await enqueue(tx, 'users-bulk', { accountId: account.id, action, userIds, ...(importId ? { importId } : {}), actorUserId: requester, notificationId });
    if (jobId) await tx.update(notifications).set({ jobId }).where(eq(notifications.id, notificationId));
    return { notificationId, total };
  });
}

/** The users an import created (IMP-5), as a sub-query; the account condition of the caller scopes it. */
export function importedUserIds(q: DbOrTx, importId: string) {
  return q
    .select({ id: userImportRows.createdUserId })
    .from(userImportRows)
    .where(eq(userImportRows.importId, importId));
}
