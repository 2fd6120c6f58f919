import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accountIntegrations } from '@/db/schema';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Command } from '@/lib/db/transaction';
import { ConflictError } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { onAccountGateway } from './gateway-command';

const Input = z.object({ accountId: z.string().max(100) });

/** GW-2 "Finish": the onboarding is complete; the integration shows as set up (and is removed with a reset, GW-5). */
export async function finishGatewayOnboarding(command: Command<unknown>): Promise<{ done: true }> {
  const { ctx } = command;
  return onAccountGateway(command, Input, canConfigureIntegrations, async (tx, found) => {
    const { gateway } = found;
    if (!gateway.connectedAt) throw new ConflictError('gateway.errors.notConnected');
    if (found.integration.setupDone) return { done: true as const };
    await tx
      .update(accountIntegrations)
      .set({ setupDone: true, updatedAt: new Date() })
      .where(and(eq(accountIntegrations.accountId, found.account.id), eq(accountIntegrations.integrationId, 'cloudlinkGateway')));
    await recordIntegrationEdit(tx, ctx, found.account, 'cloudlinkGateway', { before: { setupDone: false }, after: { setupDone: true }, core: { step: 'finish' } });
    return { done: true as const };
  });
}
