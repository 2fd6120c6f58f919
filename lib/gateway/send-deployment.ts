import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { gateways, users } from '@/db/schema';
import { canSendWelcome } from '@/lib/authz';
import type { Command } from '@/lib/db/transaction';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { ConflictError } from '@/lib/errors';
import { requestBulkUsers } from '@/lib/users/request-bulk-users';
import { onAccountGateway } from './gateway-command';

const Input = z.object({ accountId: z.string().max(100) });

/**
 * GW-2 step 4 (optional) "Deployment": e-mails every PBX user of the account who has not
 * registered yet, so they can register and get started (the users list's "send welcome e-mails",
 * which checks the same permission).
 */
export async function sendDeploymentMails(command: Command<unknown>): Promise<{ notificationId: string; total: number }> {
  const { ctx } = command;
  return onAccountGateway(command, Input, canSendWelcome, async (tx, found) => {
    const { gateway } = found;
    if (!gateway.connectedAt) throw new ConflictError('gateway.errors.notConnected');
    const targets = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.accountId, found.account.id), eq(users.source, 'pbx'), eq(users.inactive, false), isNull(users.registeredAt)));
    if (targets.length === 0) throw new ConflictError('gateway.errors.nobodyToDeploy');
    const started = await requestBulkUsers({ ctx: { actor: ctx.actor, tx }, input: { accountId: found.account.id, action: 'sendWelcome', userIds: targets.map((t) => t.id) } });
    await tx.update(gateways).set({ deploymentSentAt: new Date(), updatedAt: new Date() }).where(eq(gateways.id, gateway.id));
    await recordIntegrationEdit(tx, ctx, found.account, 'cloudlinkGateway', { before: {}, after: { deploymentMails: started.total }, core: { step: 'deployment' } });
    return started;
  });
}
