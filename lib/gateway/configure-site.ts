import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { gateways } from '@/db/schema';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Command } from '@/lib/db/transaction';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { SiteInput } from './schemas';
import { onAccountGateway } from './gateway-command';
import { startGatewayTask } from './start-task';

const Input = z.object({ accountId: z.string().max(100), site: SiteInput });

/** GW-2 step 1 "Gateway information" → Next: stores the site and queues linking it on the gateway. */
export async function configureGatewaySite(command: Command<unknown>): Promise<{ notificationId: string }> {
  const { ctx } = command;
  return onAccountGateway(command, Input, canConfigureIntegrations, async (tx, found, data) => {
    const { gateway } = found;
    const site = data.site;
    await tx.update(gateways).set({ site, errorKey: null, errorParams: null, updatedAt: new Date() }).where(eq(gateways.id, gateway.id));
    await recordIntegrationEdit(tx, ctx, found.account, 'cloudlinkGateway', { before: { site: gateway.site }, after: { site }, core: { step: 'site' } });
    return startGatewayTask(tx, ctx.actor, found.account, { kind: 'linkSite' }, { site: site.name });
  });
}
