import 'server-only';
import { eq } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import { withTransaction, type Ctx } from '@/lib/db/transaction';
import { enqueue } from '@/lib/jobs/boss';
import { startProgress } from '@/lib/jobs/progress';
import type { ManagerOperation } from './schemas';
import { checkAccounts, checkManagers, uniqueSorted, type ManagingActor } from './scope';

export interface ManagersJobStarted {
  notificationId: string;
  /** Units of work: managers for convert/upgrade, manager × account pairs for assign/unassign. */
  total: number;
}

/**
 * Shared by the four request commands: checks every selected manager and account up front, then
 * creates the progress notification and the managers-bulk job in one transaction, so neither
 * exists without the other and a refused request leaves nothing behind.
 */
export async function requestManagersJob(
  ctx: Ctx,
  actor: ManagingActor,
  operation: ManagerOperation,
  selection: { managerIds: readonly string[]; accountIds?: readonly string[] },
): Promise<ManagersJobStarted> {
  const managerIds = uniqueSorted(selection.managerIds);
  const accountIds = uniqueSorted(selection.accountIds ?? []);
  return withTransaction(ctx, async (tx) => {
    await checkManagers(tx, actor, managerIds, operation !== 'convert');
    if (accountIds.length) await checkAccounts(tx, actor, accountIds);
    const total = managerIds.length * Math.max(accountIds.length, 1);
    // The title counts what the reader selected: admins to convert or upgrade, accounts to (un)assign.
    const count = accountIds.length || managerIds.length;
    const notificationId = await startProgress(
      { userId: actor.userId, accountId: null, titleKey: `managers.progress.running.${operation}`, params: { count, managers: managerIds.length, total } },
      tx,
    );
    const jobId = await enqueue(tx, 'managers-bulk', { operation, managerIds, accountIds, actorUserId: actor.userId, notificationId });
    if (jobId) await tx.update(notifications).set({ jobId }).where(eq(notifications.id, notificationId));
    return { notificationId, total };
  });
}
