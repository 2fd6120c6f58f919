import 'server-only';
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, accounts, gatewayCommands, gatewayEventReceipts, gateways } from '@/db/schema';
import { enqueue } from '@/lib/jobs/boss';
import { failureOf } from './failure';
import { runSync } from '../sync/run-sync';

/**
 * `gateway-tick`, every minute: the accounts whose sync is due (GW-3, "PBX Sync Schedule") get a
 * `pbx-sync` job; pushing `next_sync_at` on by the interval in the same statement keeps a second
 * tick (another worker) from queueing the same account again.
 */
export async function queueDueSyncs(): Promise<void> {
  await db().transaction(async (tx) => {
    const due = await tx
      .update(gateways)
      .set({ nextSyncAt: sql`now() + make_interval(mins => ${gateways.syncIntervalMinutes})` })
      .where(
        and(
          isNotNull(gateways.accountId),
          isNotNull(gateways.connectedAt),
          lte(gateways.nextSyncAt, sql`now()`),
          sql`exists (select 1 from ${accountIntegrations} i join ${accounts} a on a.id = i.account_id where i.account_id = ${gateways.accountId} and i.integration_id = 'cloudlinkGateway' and a.status = 'active')`,
        ),
      )
      .returning({ accountId: gateways.accountId });
    for (const { accountId } of due) await enqueue(tx, 'pbx-sync', { accountId: accountId! });
  });
}

/** `pbx-sync`: a scheduled sync, as "Solution"; a failure is the integration's error state until a sync succeeds. */
export async function runScheduledSync({ accountId }: { accountId: string }): Promise<void> {
  try {
    await runSync(accountId);
  } catch (e) {
    const failure = failureOf(e);
    if (!failure) throw e;
    await db().update(gateways).set({ errorKey: failure.key, errorParams: failure.params, updatedAt: new Date() }).where(eq(gateways.accountId, accountId));
  }
}

/** How long an event id is remembered for replay detection (protocol §4), and a finished command kept. */
export const RECEIPT_HOURS = 24;
export const COMMAND_DAYS = 7;
const PRUNE_BATCH = 50_000;

/**
 * `gateway-tick`, too: forgets event ids older than RECEIPT_HOURS and finished commands older than
 * COMMAND_DAYS, a bounded batch per minute, so 500 events/s does not grow the tables for ever.
 */
export async function pruneGatewayData(): Promise<{ receipts: number; commands: number }> {
  const receipts = await db().execute(sql`
    delete from ${gatewayEventReceipts} where ctid in (
      select ctid from ${gatewayEventReceipts} where received_at < now() - make_interval(hours => ${RECEIPT_HOURS}) limit ${PRUNE_BATCH})`);
  const commands = await db()
    .delete(gatewayCommands)
    .where(and(inArray(gatewayCommands.status, ['done', 'failed', 'expired']), lte(gatewayCommands.createdAt, sql`now() - make_interval(days => ${COMMAND_DAYS})`)))
    .returning({ id: gatewayCommands.id });
  return { receipts: receipts.count ?? 0, commands: commands.length };
}
