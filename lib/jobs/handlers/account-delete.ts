import 'server-only';
import { and, count, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, gateways, notifications, users } from '@/db/schema';
import { GatewayOfflineError, pbx } from '@/lib/adapters/pbx';
import { RESET_VALUES } from '@/lib/gateway/tasks/reset-gateway';
import { finishProgress, reportProgress } from '../progress';
import type { QueuePayload } from '../queues';

/** Users removed per transaction: short transactions keep locks brief on accounts with 100k users. */
export const ACCOUNT_DELETE_BATCH = 1000;

/**
 * ACC-5: removes a deleted account's data completely: its users in batches (their tokens,
 * extensions, notifications and support-contact links go with them), then the account row, whose
 * deletion cascades to everything else the account owns. The audit trail stays: events are the
 * partner organisation's history. Runs as the platform: the delete was authorised when it was
 * requested, and the account has been out of everyone's reach since. Safe to retry: every step
 * deletes only what is left, and an account that is gone counts as done.
 */
export async function runAccountDelete({ accountId, notificationId }: QueuePayload<'account-delete'>): Promise<void> {
  const [account] = await db().select({ name: accounts.name, status: accounts.status }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  const params = account ? { name: account.name } : await notificationParams(notificationId);
  try {
    if (!account) {
      if (notificationId) await finishProgress(notificationId, { status: 'success', titleKey: 'accounts.deleteJob.done', params });
      return;
    }
    // Only an account whose deletion was confirmed may be emptied; a stray job changes nothing.
    if (account.status !== 'deleting') throw new Error(`account ${accountId} is not marked for deletion`);

    await resetGateway(accountId, notificationId, params);
    const [row] = await db().select({ n: count() }).from(users).where(eq(users.accountId, accountId));
    const total = (row?.n ?? 0) + 1;
    let done = 0;
    for (;;) {
      const removed = await db().transaction((tx) =>
        tx
          .delete(users)
          .where(inArray(users.id, tx.select({ id: users.id }).from(users).where(eq(users.accountId, accountId)).limit(ACCOUNT_DELETE_BATCH)))
          .returning({ id: users.id }),
      );
      done += removed.length;
      if (notificationId) await reportProgress(notificationId, done, total);
      if (removed.length < ACCOUNT_DELETE_BATCH) break;
    }
    await db()
      .delete(accounts)
      .where(and(eq(accounts.id, accountId), eq(accounts.status, 'deleting')));
    if (notificationId) await finishProgress(notificationId, { status: 'success', titleKey: 'accounts.deleteJob.done', params });
  } catch (e) {
    // Waiting for the gateway is not a failure: the notification already says what it waits for.
    if (e instanceof GatewayOfflineError) throw e;
    // Shown until a retry succeeds and turns the same notification into a success.
    if (notificationId) {
      await finishProgress(notificationId, { status: 'error', titleKey: 'accounts.deleteJob.failed', params, details: e instanceof Error ? e.message : String(e) });
    }
    throw e;
  }
}

/**
 * ACC-5: the account's gateway returns to factory settings before anything is removed. An offline
 * gateway is waited for: the notification says so, and the job is retried until it is back.
 */
async function resetGateway(accountId: string, notificationId: string | null, params: Record<string, string | number>): Promise<void> {
  const [gateway] = await db().select({ id: gateways.id }).from(gateways).where(eq(gateways.accountId, accountId)).limit(1);
  if (!gateway) return;
  try {
    await pbx.factoryReset({ id: gateway.id, accountId });
  } catch (e) {
    if (e instanceof GatewayOfflineError && notificationId) {
      await db().update(notifications).set({ titleKey: 'accounts.deleteJob.waitingForGateway', params, updatedAt: new Date() }).where(eq(notifications.id, notificationId));
      throw e;
    }
    throw e;
  }
  await db().update(gateways).set({ ...RESET_VALUES, updatedAt: new Date() }).where(eq(gateways.id, gateway.id));
  if (notificationId) await db().update(notifications).set({ titleKey: 'accounts.deleteJob.running', updatedAt: new Date() }).where(eq(notifications.id, notificationId));
}

/** The account's name as the request recorded it, for a retry that finds the account already gone. */
async function notificationParams(notificationId: string | null): Promise<Record<string, string | number>> {
  if (!notificationId) return {};
  const [row] = await db().select({ params: notifications.params }).from(notifications).where(eq(notifications.id, notificationId)).limit(1);
  return row?.params ?? {};
}
