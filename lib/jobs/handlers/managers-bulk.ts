import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { notifications } from '@/db/schema';
import { loadActorForJob } from '@/lib/auth/load-actor';
import { canManageAccountManagers } from '@/lib/authz';
import { BATCH_RUNNERS, unitCount, unitsBetween } from '@/lib/managers/bulk-operations';
import type { ManagingActor } from '@/lib/managers/scope';
import { finishProgress, reportProgress } from '../progress';
import type { QueuePayload } from '../queues';

/** Units per transaction: each batch commits its changes, audit events and progress together. */
export const MANAGERS_BULK_BATCH = 250;

interface RunState {
  /** What the title counts (admins, or accounts for assign / unassign); kept for the plural. */
  count: number;
  managers: number;
  total: number;
  done: number;
  skipped: number;
  /** Index of the next unit: the units have a fixed order, so a retry resumes here. */
  position: number;
}

function stateOf(params: Record<string, string | number> | undefined): RunState {
  const n = (k: string) => (typeof params?.[k] === 'number' ? (params[k] as number) : 0);
  return { count: n('count'), managers: n('managers'), total: n('total'), done: n('done'), skipped: n('skipped'), position: n('position') };
}

/**
 * MGR-2..4: converts, assigns, unassigns or upgrades on behalf of the partner admin who asked.
 * The actor is rebuilt from that admin now, so the permission is checked again with its current
 * role. Units (managers, or manager × account pairs) go in fixed-order batches; each batch is one
 * transaction holding the changes, their audit events and the progress with the resume point, so
 * a retry after a crash repeats nothing. A unit that no longer applies (already converted, account
 * gone, pair already assigned) is counted as skipped.
 */
export async function runManagersBulk(payload: QueuePayload<'managers-bulk'>): Promise<void> {
  const { operation, managerIds, accountIds, actorUserId, notificationId } = payload;
  const [note] = await db()
    .select({ status: notifications.status, params: notifications.params })
    .from(notifications)
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, actorUserId)))
    .limit(1);
  // Finished by an earlier attempt. (A notification the admin deleted meanwhile does not cancel.)
  if (note && note.status !== 'running') return;
  const state = stateOf(note?.params);
  const total = unitCount(managerIds, accountIds);
  const stop = (reason: 'noAccess' | 'forbidden') => finishProgress(notificationId, { status: 'error', titleKey: `managers.progress.failed.${reason}`, params: { count: state.count } });

  const actor = await loadActorForJob(db(), actorUserId);
  if (!actor) return stop('noAccess');
  if (!canManageAccountManagers(actor) || !actor.userId || !actor.partnerOrgId || actor.accountId !== null) return stop('forbidden');
  const managing = actor as ManagingActor;
  const run = BATCH_RUNNERS[operation];

  while (state.position < total) {
    const units = unitsBetween(managerIds, accountIds, state.position, state.position + MANAGERS_BULK_BATCH);
    const next = { ...state, total };
    await db().transaction(async (tx) => {
      const changed = await run(tx, managing, units);
      next.done += changed;
      next.skipped += units.length - changed;
      next.position += units.length;
      await reportProgress(notificationId, next.position, total, { q: tx, params: { ...next } });
    });
    Object.assign(state, next);
  }

  await finishProgress(notificationId, {
    status: 'success',
    titleKey: `managers.progress.done.${operation}`,
    params: { count: state.count, done: state.done, skipped: state.skipped },
  });
}
