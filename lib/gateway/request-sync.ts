import 'server-only';
import { z } from 'zod';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { loadAccountGateway, requireGateway } from './scope';
import { startGatewayTask } from './start-task';

const Input = z.object({ accountId: z.string().max(100), mode: z.enum(['connect', 'sync']) });

/**
 * GW-2 step 3: "Connect" (test the PBX connection, then the first sync) and "Sync now" (a sync
 * without waiting for the schedule). On SMBC "Connect" is the "Sync PBX" step.
 */
export async function requestPbxSync({ ctx, input }: Command<unknown>): Promise<{ notificationId: string }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const found = await loadAccountGateway(tx, ctx.actor, parsed.data.accountId, { lock: true });
    const gateway = requireGateway(found);
    if (!gateway.siteLinkedAt) throw new ConflictError('gateway.errors.siteFirst');
    if (gateway.platform !== 'smbc' && !gateway.pbxLinkedAt) throw new ConflictError('gateway.errors.pbxFirst');
    if (parsed.data.mode === 'sync' && !gateway.connectedAt) throw new ConflictError('gateway.errors.notConnected');
    return startGatewayTask(tx, ctx.actor, found.account, { kind: parsed.data.mode });
  });
}
