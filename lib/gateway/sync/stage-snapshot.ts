import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { pbxSyncRuns, pbxSyncStaged, type Gateway } from '@/db/schema';
import { GatewayCommandError, pbx } from '@/lib/adapters/pbx';
import { PbxUserRecord } from '@/lib/gateway/protocol/schemas';

export const SYNC_PAGE = 1000;

/**
 * Fetches the gateway's user snapshot page by page into `pbx_sync_staged` (protocol §5). A run
 * interrupted by the gateway going offline resumes at the first page not yet staged; a gateway
 * that restarted (snapshot_unknown) is asked for a new snapshot and the run starts over. Each
 * page is staged in its own transaction with the run's count, so no page is staged twice.
 */
export async function stageSnapshot(gateway: Gateway & { accountId: string }, onProgress: (received: number, total: number) => Promise<void>): Promise<{ runId: string; users: PbxUserRecord[] }> {
  const accountId = gateway.accountId;
  const ref = { id: gateway.id, accountId };
  for (let attempt = 0; ; attempt++) {
    let [run] = await db().select().from(pbxSyncRuns).where(eq(pbxSyncRuns.accountId, accountId)).limit(1);
    if (run && run.gatewayId !== gateway.id) {
      await db().delete(pbxSyncRuns).where(eq(pbxSyncRuns.id, run.id));
      run = undefined;
    }
    if (!run || !run.snapshotId) {
      const begun = await pbx.beginUserSync(ref);
      if (run) await db().delete(pbxSyncRuns).where(eq(pbxSyncRuns.id, run.id));
      [run] = await db().insert(pbxSyncRuns).values({ accountId, gatewayId: gateway.id, snapshotId: begun.snapshotId, total: begun.total }).returning();
    }
    const current = run!;
    try {
      let received = current.received;
      // Pages fetched by this run are kept as parsed; only a resumed run reads earlier pages back.
      const fetched: PbxUserRecord[] = [];
      while (received < current.total) {
        const page = await pbx.fetchUsers(ref, current.snapshotId!, received, SYNC_PAGE);
        const users = page.users.map((u) => PbxUserRecord.parse(u));
        if (users.length === 0) break;
        const start = received;
        await db().transaction(async (tx) => {
          await tx.insert(pbxSyncStaged).values(users.map((data, i) => ({ runId: current.id, accountId, position: start + i, data }))).onConflictDoNothing();
          await tx.update(pbxSyncRuns).set({ received: sql`${pbxSyncRuns.received} + ${users.length}` }).where(and(eq(pbxSyncRuns.id, current.id), eq(pbxSyncRuns.received, start)));
        });
        received += users.length;
        fetched.push(...users);
        await onProgress(received, current.total);
      }
      if (current.received === 0) return { runId: current.id, users: fetched };
      const staged = await db().select({ data: pbxSyncStaged.data }).from(pbxSyncStaged).where(eq(pbxSyncStaged.runId, current.id)).orderBy(asc(pbxSyncStaged.position));
      return { runId: current.id, users: staged.map((s) => PbxUserRecord.parse(s.data)) };
    } catch (e) {
      if (e instanceof GatewayCommandError && e.code === 'snapshot_unknown' && attempt < 3) {
        await db().delete(pbxSyncRuns).where(eq(pbxSyncRuns.id, current.id));
        continue;
      }
      throw e;
    }
  }
}

export async function dropRun(runId: string): Promise<void> {
  await db().delete(pbxSyncRuns).where(eq(pbxSyncRuns.id, runId));
}
