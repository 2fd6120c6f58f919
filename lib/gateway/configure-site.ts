import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { gateways } from '@/db/schema';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { SiteInput } from './schemas';
import { loadAccountGateway, requireGateway } from './scope';
import { startGatewayTask } from './start-task';

const Input = z.object({ accountId: z.string().max(100), site: SiteInput });

/** GW-2 step 1 "Gateway information" → Next: stores the site and queues linking it on the gateway. */
export async function configureGatewaySite({ ctx, input }: Command<unknown>): Promise<{ notificationId: string }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const found = await loadAccountGateway(tx, ctx.actor, parsed.data.accountId, { lock: true });
    const gateway = requireGateway(found);
    const site = parsed.data.site;
    await tx.update(gateways).set({ site, errorKey: null, errorParams: null, updatedAt: new Date() }).where(eq(gateways.id, gateway.id));
    await recordIntegrationEdit(tx, ctx, found.account, 'cloudlinkGateway', { before: { site: gateway.site }, after: { site }, core: { step: 'site' } });
    return startGatewayTask(tx, ctx.actor, found.account, { kind: 'linkSite' }, { site: site.name });
  });
}
