import 'server-only';
import { eq } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/boss';
import { startProgress } from '@/lib/jobs/progress';
import { writeLicences } from './apply-licences';
import { parseLicenceRequest, planLicences } from './plan-licences';

/**
 * A change of more users than this runs as a licences-bulk job. Writing a user's licence with its
 * audit event takes about 0.2 ms (bench:licences: 10,000 users in ~2 s), so 2,000 stay under half a
 * second in the request; above that the request would hold the licence lock (and the browser) for
 * seconds, 20 at 100,000 users.
 */
export const LICENCE_JOB_ABOVE = 2_000;

export type LicenceRequestResult = { mode: 'applied'; changed: number } | { mode: 'job'; notificationId: string; total: number };

/**
 * ORD-5, M1-2, MTM-1 from the Manage panel and the user page: the licence change is planned under
 * the account's licence lock with the same checks as applyLicences, so a refusal ("X more
 * licence(s) needed …") is said at once. A plan that changes at most `jobAbove` users is written
 * now, in this transaction. A larger one becomes a licences-bulk job: its progress notification
 * and the job are created in this transaction, and the job plans again when it runs (the licences
 * may have been taken meanwhile) and writes everything or nothing. `jobAbove` is the threshold;
 * tests lower it.
 */
export async function requestLicences({ ctx, input, jobAbove = LICENCE_JOB_ABOVE }: Command<unknown> & { jobAbove?: number }): Promise<LicenceRequestResult> {
  const request = parseLicenceRequest(ctx, input);
  return withTransaction(ctx, async (tx) => {
    const plan = await planLicences(tx, ctx, request);
    if (plan.changes.length <= jobAbove) return { mode: 'applied', changed: await writeLicences(plan) };

    // The job acts for, and reports to, the user who asked: an actor without one (a solution) can't.
    const requester = ctx.actor.userId;
    if (!requester) throw new ForbiddenError();
    const { account, total } = plan;
    const notificationId = await startProgress(
      { userId: requester, accountId: account.id, titleKey: `licences.job.running.${plan.product}`, params: { count: total, done: 0 } },
      tx,
    );
    const jobId = await enqueue(tx, 'licences-bulk', { accountId: account.id, userIds: request.userIds, change: request.change, actorUserId: requester, notificationId });
    if (jobId) await tx.update(notifications).set({ jobId }).where(eq(notifications.id, notificationId));
    return { mode: 'job', notificationId, total };
  });
}
