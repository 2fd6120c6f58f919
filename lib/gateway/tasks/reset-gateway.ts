import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { gatewayCommands, gateways } from '@/db/schema';
import { pbx } from '@/lib/adapters/pbx';
import { finishProgress } from '@/lib/jobs/progress';

/** A reset gateway as the portal keeps it: known by its hardware id, free to announce and be claimed again. */
export const RESET_VALUES = {
  accountId: null,
  linkCodeHash: null,
  pollTokenHash: null,
  credentialHash: null,
  credentialPickup: null,
  claimedAt: null,
  site: null,
  siteLinkedAt: null,
  pbxType: null,
  pbxAddress: null,
  pbxUsername: null,
  pbxPasswordSealed: null,
  pbxVersion: null,
  pbxLinkedAt: null,
  connectedAt: null,
  nextSyncAt: null,
  lastSync: null,
  errorKey: null,
  errorParams: null,
  deploymentSentAt: null,
  scheduledUpdate: null,
  logBundles: {},
  resetRequestedAt: null,
} as const;

/**
 * `gateway-reset` (GW-5, ACC-5): sends `factoryReset`. An offline gateway throws, and the queue
 * retries with backoff until it is back; the reset is then confirmed by the gateway itself.
 */
export async function runGatewayReset({ gatewayId, notificationId }: { gatewayId: string; notificationId: string | null }): Promise<void> {
  const [gateway] = await db().select().from(gateways).where(eq(gateways.id, gatewayId)).limit(1);
  if (!gateway?.resetRequestedAt) return; // already reset, or claimed again since
  await pbx.factoryReset({ id: gateway.id, accountId: null });
  await db().transaction(async (tx) => {
    await tx.update(gateways).set({ ...RESET_VALUES, updatedAt: new Date() }).where(and(eq(gateways.id, gatewayId)));
    await tx.update(gatewayCommands).set({ status: 'expired' }).where(and(eq(gatewayCommands.gatewayId, gatewayId), eq(gatewayCommands.status, 'pending')));
    if (notificationId) await finishProgress(notificationId, { status: 'success', titleKey: 'gateway.tasks.reset.done' }, tx);
  });
}
