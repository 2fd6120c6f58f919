import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, gateways, pbxSyncRuns, type SyncSummary } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { checkCapacity } from './capacity';
import { applySnapshot } from './apply-sync';
import { dropRun, stageSnapshot } from './stage-snapshot';

/** A sync the rules refuse (GW-4): nothing was written; the key and params say why. */
export class SyncRefusedError extends DomainError {
  constructor(messageKey: string, params: Record<string, string | number>) {
    super(messageKey, 409, params);
  }
}

/**
 * One PBX sync of an account (GW-3, GW-4): stage the gateway's snapshot (resumable), check the
 * PBX's CloudLink-role capacity, then write everything in one transaction, so a refused or
 * interrupted sync leaves the account as it was. `onProgress` gets 0-100.
 */
export async function runSync(accountId: string, onProgress: (percent: number) => Promise<void> = async () => undefined): Promise<SyncSummary> {
  const [gateway] = await db().select().from(gateways).where(eq(gateways.accountId, accountId)).limit(1);
  const [account] = await db().select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!gateway || !account || !gateway.pbxType) throw new SyncRefusedError('gateway.errors.notConnected', {});
  const linked = { ...gateway, accountId };
  const { runId, users } = await stageSnapshot(linked, (received, total) => onProgress(Math.floor((received / Math.max(total, 1)) * 80)));

  const capacity = checkCapacity(gateway.pbxType, users);
  if (!capacity.ok) {
    await dropRun(runId);
    await db().update(gateways).set({ errorKey: capacity.key, errorParams: capacity.params, updatedAt: new Date() }).where(eq(gateways.id, gateway.id));
    throw new SyncRefusedError(capacity.key, capacity.params);
  }
  await onProgress(85);
  const summary = await db().transaction(async (tx) => {
    // One sync writes an account at a time; a second waits and then finds nothing to change.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('pbx-sync'), hashtext(${accountId}))`);
    const written = await applySnapshot(tx, account, users);
    const result: SyncSummary = { ...written, at: new Date().toISOString(), devices: capacity.devices };
    await tx
      .update(gateways)
      .set({
        lastSync: result,
        errorKey: null,
        errorParams: null,
        nextSyncAt: sql`now() + make_interval(mins => ${gateway.syncIntervalMinutes})`,
        updatedAt: new Date(),
      })
      .where(eq(gateways.id, gateway.id));
    await tx.delete(pbxSyncRuns).where(eq(pbxSyncRuns.id, runId));
    return result;
  });
  await onProgress(100);
  return summary;
}
