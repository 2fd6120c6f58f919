import 'server-only';
import { z } from 'zod';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Command } from '@/lib/db/transaction';
import { ConflictError } from '@/lib/errors';
import { onAccountGateway } from './gateway-command';
import { startGatewayTask } from './start-task';

const Input = z.object({ accountId: z.string().max(100), mode: z.enum(['connect', 'sync']) });

/**
 * GW-2 step 3: "Connect" (test the PBX connection, then the first sync) and "Sync now" (a sync
 * without waiting for the schedule). On SMBC "Connect" is the "Sync PBX" step.
 */
export async function requestPbxSync(command: Command<unknown>): Promise<{ notificationId: string }> {
  const { ctx } = command;
  return onAccountGateway(command, Input, canConfigureIntegrations, async (tx, found, data) => {
    const { gateway } = found;
    if (!gateway.siteLinkedAt) throw new ConflictError('gateway.errors.siteFirst');
    if (gateway.platform !== 'smbc' && !gateway.pbxLinkedAt) throw new ConflictError('gateway.errors.pbxFirst');
    if (data.mode === 'sync' && !gateway.connectedAt) throw new ConflictError('gateway.errors.notConnected');
    return startGatewayTask(tx, ctx.actor, found.account, { kind: data.mode });
  });
}
