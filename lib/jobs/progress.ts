import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { notifications } from '@/db/schema';
import { notify } from '@/lib/notifications/notifications';

/**
 * Real progress of a long job (Beyond SHELL-4): one notification per run, created when the job is
 * requested, updated as it works, and finished with success or error details.
 */
export async function startProgress(input: { userId: string; accountId: string | null; titleKey: string; params?: Record<string, string | number> }): Promise<string> {
  return notify(db(), { ...input, status: 'running', progress: 0 });
}

export async function reportProgress(notificationId: string, done: number, total: number): Promise<void> {
  const progress = total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));
  await db().update(notifications).set({ progress, updatedAt: new Date() }).where(eq(notifications.id, notificationId));
}

export async function finishProgress(
  notificationId: string,
  outcome: { status: 'success' | 'error'; titleKey: string; params?: Record<string, string | number>; details?: string },
): Promise<void> {
  await db()
    .update(notifications)
    .set({ status: outcome.status, titleKey: outcome.titleKey, params: outcome.params ?? {}, details: outcome.details ?? null, progress: 100, updatedAt: new Date() })
    .where(eq(notifications.id, notificationId));
}
