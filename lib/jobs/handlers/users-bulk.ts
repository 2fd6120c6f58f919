import 'server-only';
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import { db } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import { canOpenManage } from '@/lib/authz';
import { DomainError, NotFoundError } from '@/lib/errors';
import { resolveLocale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';
import { bulkActionDef } from '@/lib/users/bulk-actions';
import { BULK_PROCESSORS } from '@/lib/users/bulk-processors';
import { importedUserIds } from '@/lib/users/request-bulk-users';
import { finishProgress, reportProgress } from '../progress';
import type { QueuePayload } from '../queues';

/** Users per transaction: each batch commits its changes, audit events and progress together. */
export const USERS_BULK_BATCH = 100;
/** Failure lines kept in the notification's details; the counts always cover every user. */
const MAX_FAILURE_LINES = 50;

interface RunState {
  count: number;
  done: number;
  skipped: number;
  failed: number;
  /** The last user id handled: users are taken in id order, so a retry resumes after it. */
  after: string;
}

function stateOf(params: Record<string, string | number> | undefined): RunState {
  const n = (k: string) => (typeof params?.[k] === 'number' ? (params[k] as number) : 0);
  return { count: n('count'), done: n('done'), skipped: n('skipped'), failed: n('failed'), after: typeof params?.after === 'string' ? params.after : '' };
}

/**
 * USR-5: resets passwords, sends welcome mails or deletes users in bulk, on behalf of the user who
 * asked. The actor is rebuilt from that user now, so permission and scope are checked again with
 * its current role. Users go in id-ordered batches; each batch is one transaction holding the
 * changes, their audit events and the progress (with the resume point) in the notification. A
 * retry skips what committed, so nobody gets a second mail; one failing user (its own savepoint)
 * does not stop the others.
 */
export async function runUsersBulk(payload: QueuePayload<'users-bulk'>): Promise<void> {
  const { accountId, action, actorUserId, notificationId } = payload;
  const [note] = await db()
    .select({ status: notifications.status, params: notifications.params, details: notifications.details, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, actorUserId)))
    .limit(1);
  // Finished by an earlier attempt. (A notification the user deleted meanwhile does not cancel.)
  if (note && note.status !== 'running') return;
  const state = stateOf(note?.params);
  const stop = (reason: string) => finishProgress(notificationId, { status: 'error', titleKey: `users.bulk.failed.${reason}`, params: { count: state.count } });

  const signedIn = await loadSignedInUser(db(), actorUserId, 'any');
  const actor = signedIn?.actor;
  if (!actor) return stop('noAccess');
  if (!canOpenManage(actor) || !bulkActionDef(action).allowed(actor)) return stop('forbidden');
  try {
    await getAccountInScope(db(), actor, accountId);
  } catch (e) {
    if (e instanceof NotFoundError) return stop('noAccess');
    throw e;
  }
  const t = translator(resolveLocale({ user: signedIn.locale, account: signedIn.accountDefaultLanguage }));
  const processor = BULK_PROCESSORS[action];
  const failures: string[] = note?.details ? note.details.split('\n') : [];
  // "All users" means those that existed when the job was requested, not ones added since.
  const requestedAt = note?.createdAt ?? new Date();

  for (;;) {
    const batch = await db()
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.accountId, accountId),
          payload.userIds ? inArray(users.id, payload.userIds) : payload.importId ? inArray(users.id, importedUserIds(db(), payload.importId)) : lte(users.createdAt, requestedAt),
          state.after ? gt(users.id, state.after) : undefined,
        ),
      )
      .orderBy(asc(users.id))
      .limit(USERS_BULK_BATCH);
    if (batch.length === 0) break;

    const next = { ...state };
    const lines: string[] = [];
    await db().transaction(async (tx) => {
      for (const user of batch) {
        try {
          await tx.transaction((sp) => processor.run({ actor, tx: sp }, { accountId, userId: user.id }));
          next.done++;
        } catch (e) {
          if (e instanceof DomainError && (processor.skipWhen.includes(e.messageKey) || e instanceof NotFoundError)) next.skipped++;
          else {
            next.failed++;
            lines.push(`${user.email}: ${e instanceof DomainError ? t(e.messageKey) : t('errors.unexpected')}`);
            if (!(e instanceof DomainError)) console.error('[users-bulk]', user.id, e instanceof Error ? e.message : e);
          }
        }
      }
      next.after = batch[batch.length - 1]!.id;
      const details = [...failures, ...lines].slice(0, MAX_FAILURE_LINES);
      await reportProgress(notificationId, next.done + next.skipped + next.failed, Math.max(next.count, 1), {
        q: tx,
        params: { ...next },
        details: details.length ? details.join('\n') : null,
      });
    });
    Object.assign(state, next);
    failures.splice(0, failures.length, ...[...failures, ...lines].slice(0, MAX_FAILURE_LINES));
  }

  await finishProgress(notificationId, {
    status: state.failed > 0 ? 'error' : 'success',
    titleKey: `users.bulk.done.${action}`,
    params: { count: state.count, done: state.done, skipped: state.skipped, failed: state.failed },
    details: failures.length ? failures.join('\n') : undefined,
  });
}
