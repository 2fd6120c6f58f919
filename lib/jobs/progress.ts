import 'server-only';
import { eq } from 'drizzle-orm';
import { db, type DbOrTx } from '@/db/client';
import { notifications } from '@/db/schema';
import { notify } from '@/lib/notifications/notifications';

/**
 * Real progress of a long job (Beyond SHELL-4): one notification per run, created when the job is
 * requested, updated as it works, and finished with success or error details. `q` lets a caller
 * write in its own transaction: the request creates the notification with the job it enqueues,
 * and a batch records its progress in the transaction that does the batch's work.
 */
export async function startProgress(
  input: { userId: string; accountId: string | null; titleKey: string; params?: Record<string, string | number> },
  q: DbOrTx = db(),
): Promise<string> {
  return notify(q, { ...input, status: 'running', progress: 0 });
}

export async function reportProgress(
  notificationId: string,
  done: number,
  total: number,
  options: { q?: DbOrTx; params?: Record<string, string | number>; details?: string | null } = {},
): Promise<void> {
  const progress = total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));
  const extra = { ...(options.params ? { params: options.params } : {}), ...(options.details !== undefined ? { details: options.details } : {}) };
  await (options.q ?? db())
    .update(notifications)
    .set({ progress, ...extra, updatedAt: new Date() })
    .where(eq(notifications.id, notificationId));
}

/** `q`: a job that commits its work in one transaction finishes its notification in it too, so a retry sees it done. */
export async function finishProgress(
  notificationId: string,
  outcome: { status: 'success' | 'error'; titleKey: string; params?: Record<string, string | number>; details?: string },
  q: DbOrTx = db(),
): Promise<void> {
  await q
    .update(notifications)
    .set({ status: outcome.status, titleKey: outcome.titleKey, params: outcome.params ?? {}, details: outcome.details ?? null, progress: 100, updatedAt: new Date() })
    .where(eq(notifications.id, notificationId));
}
