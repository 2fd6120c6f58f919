import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { db, sideDb, type DbOrTx } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { loadActorForJob } from '@/lib/auth/load-actor';
import type { Actor } from '@/lib/authz/types';
import { DomainError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { applyLicences } from '@/lib/licences/apply-licences';
import { inChunks } from '@/lib/licences/plan-licences';
import { lockLicences } from '@/lib/licences/pool';
import { finishProgress, reportProgress } from '../progress';
import type { QueuePayload } from '../queues';

type Payload = QueuePayload<'licences-bulk'>;

/**
 * ORD-5, M1-2, MTM-1: a large licence change from Manage (requestLicences), for the user who asked.
 * The actor is rebuilt from that user now, so permission and scope are checked again with its
 * current role. The change goes through applyLicences in ONE transaction under the account's
 * licence lock, so it is all or none and never more licences are in use than owned, whatever ran
 * since the request: if the licences no longer fit, the notification says how many more are needed
 * and nothing changed. Progress is written after each chunk outside the transaction (whose own
 * writes are invisible until it commits), through sideDb: the main pool may be all taken by
 * requests waiting for this very lock. The outcome is written in the transaction, so a retry finds
 * the job finished exactly when its changes are committed.
 */
export async function runLicencesBulk(payload: Payload): Promise<void> {
  const { accountId, change, actorUserId, notificationId } = payload;
  if ((await statusOf(notificationId)) !== 'running') return;
  const fail = (titleKey: string, params: Record<string, string | number> = {}) => finishProgress(notificationId, { status: 'error', titleKey, params });

  const actor = await loadActorForJob(db(), actorUserId);
  if (!actor) return fail('licences.job.failed.noAccess');
  const userIds = await stillSelected(actor, payload);
  if (userIds === 'noAccess') return fail('licences.job.failed.noAccess');
  if (userIds?.length === 0) return finishProgress(notificationId, { status: 'success', titleKey: 'licences.job.done.nothingChanged' });

  try {
    await db().transaction(async (tx) => {
      // An earlier attempt still running (a stalled worker whose heartbeat lapsed) holds the lock:
      // wait for it, then see whether it finished.
      await lockLicences(tx, accountId, { waitMs: null });
      if ((await statusOf(notificationId, tx)) !== 'running') return;
      const { changed } = await applyLicences({
        ctx: { actor, tx },
        input: { accountId, userIds, change },
        onProgress: (done, total) => reportProgress(notificationId, done, total, { q: sideDb(), params: { count: total, done } }),
      });
      const titleKey = changed ? `licences.job.done.${change.product}` : 'licences.job.done.nothingChanged';
      await finishProgress(notificationId, { status: 'success', titleKey, params: { count: changed } }, tx);
    });
  } catch (e) {
    if (e instanceof ForbiddenError) return fail('licences.job.failed.forbidden');
    if (e instanceof DomainError && e.messageKey === 'licences.errors.moreNeeded') return fail('licences.job.failed.moreNeeded', e.params);
    // Another refusal of the plan (the integration removed, MiCollab added) says itself.
    if (e instanceof DomainError && !(e instanceof NotFoundError)) return fail(e.messageKey, e.params);
    // Unexpected, or a selected user deleted since stillSelected: pg-boss retries from nothing.
    throw e;
  }
}

async function statusOf(notificationId: string, q: DbOrTx = db()) {
  const [note] = await q.select({ status: notifications.status }).from(notifications).where(eq(notifications.id, notificationId)).limit(1);
  // A notification the user deleted meanwhile does not cancel the job.
  return note?.status ?? 'running';
}

/**
 * The account still in the actor's scope (else 'noAccess'), and of a selection the users still in
 * it: someone deleted since the request simply has no licence to change.
 */
async function stillSelected(actor: Actor, { accountId, userIds }: Payload): Promise<string[] | null | 'noAccess'> {
  try {
    const account = await getAccountInScope(db(), actor, accountId);
    if (!userIds) return null;
    const found = await inChunks(userIds, (ids) => db().select({ id: users.id }).from(users).where(and(eq(users.accountId, account.id), inArray(users.id, ids))));
    const present = new Set(found.map((u) => u.id));
    return userIds.filter((id) => present.has(id));
  } catch (e) {
    if (e instanceof NotFoundError) return 'noAccess';
    throw e;
  }
}
