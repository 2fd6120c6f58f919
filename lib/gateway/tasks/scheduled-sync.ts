import 'server-only';
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, accounts, gateways } from '@/db/schema';
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
