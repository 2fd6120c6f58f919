import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { gateways, pbxSyncRuns, pbxUsers, pbxUserStates, type Account } from '@/db/schema';
import { enqueue } from '@/lib/jobs/boss';

/**
 * GW-5 / ACC-5: detaches the account's gateway in the caller's transaction and queues its factory
 * reset. The gateway keeps its credential until it confirms the reset, so it can still fetch the
 * command; it no longer delivers anything to the account. The PBX users stay users of the
 * account; the mirror goes, so another gateway starts from the PBX as it then is.
 */
export async function releaseGateway(tx: Tx, account: Account, notificationId: string | null = null): Promise<string | null> {
  const [gateway] = await tx
    .update(gateways)
    .set({ accountId: null, resetRequestedAt: new Date(), nextSyncAt: null, updatedAt: new Date() })
    .where(eq(gateways.accountId, account.id))
    .returning({ id: gateways.id });
  await tx.delete(pbxSyncRuns).where(eq(pbxSyncRuns.accountId, account.id));
  await tx.delete(pbxUsers).where(eq(pbxUsers.accountId, account.id));
  await tx.delete(pbxUserStates).where(eq(pbxUserStates.accountId, account.id));
  if (!gateway) return null;
  await enqueue(tx, 'gateway-reset', { gatewayId: gateway.id, notificationId });
  return gateway.id;
}
