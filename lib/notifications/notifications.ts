import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { notifications, type Notification } from '@/db/schema';
import { withTransaction, type Ctx } from '@/lib/db/transaction';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';

/** The bell's list (SHELL-4): the signed-in user's latest notifications. */
export async function listMyNotifications(q: DbOrTx, ctx: Ctx, limit = 20): Promise<Notification[]> {
  if (!ctx.actor.userId) return [];
  return q
    .select()
    .from(notifications)
    .where(eq(notifications.userId, ctx.actor.userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** Deletes one notification of the signed-in user for good; others' notifications look absent. */
export async function deleteMyNotification(ctx: Ctx, notificationId: string): Promise<void> {
  const userId = ctx.actor.userId;
  if (!userId) throw new ForbiddenError();
  if (!isUuid(notificationId)) throw new NotFoundError();
  await withTransaction(ctx, async (tx) => {
    const deleted = await tx
      .delete(notifications)
      .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
      .returning({ id: notifications.id });
    if (deleted.length === 0) throw new NotFoundError();
  });
}

export interface NotifyInput {
  userId: string;
  accountId?: string | null;
  status: 'info' | 'running' | 'success' | 'error';
  titleKey: string;
  params?: Record<string, string | number>;
  details?: string;
  progress?: number;
  jobId?: string;
}

/** Adds a notification for a user, in the caller's transaction (jobs report progress with it). */
export async function notify(q: DbOrTx, input: NotifyInput): Promise<string> {
  const [row] = await q
    .insert(notifications)
    .values({ ...input, params: input.params ?? {}, accountId: input.accountId ?? null })
    .returning({ id: notifications.id });
  return row!.id;
}
