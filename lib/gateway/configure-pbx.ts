import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { gateways } from '@/db/schema';
import { canConfigureIntegrations } from '@/lib/authz';
import { sealSecret } from '@/lib/crypto/secret-box';
import type { Command } from '@/lib/db/transaction';
import { ConflictError, ValidationError } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { PbxInput } from './schemas';
import { onAccountGateway } from './gateway-command';
import { startGatewayTask } from './start-task';

const Input = z.object({ accountId: z.string().max(100), pbx: PbxInput });

/**
 * GW-2 step 2 "PBX" → Next: stores the PBX's type, address and credentials (the password sealed,
 * INT-5, never sent back; empty keeps the stored one) and queues the PBX link on the gateway.
 */
export async function configureGatewayPbx(command: Command<unknown>): Promise<{ notificationId: string }> {
  const { ctx } = command;
  return onAccountGateway(command, Input, canConfigureIntegrations, async (tx, found, data) => {
    const { gateway } = found;
    const { pbx } = data;
    if (!gateway.siteLinkedAt) throw new ConflictError('gateway.errors.siteFirst');
    if (gateway.platform === 'smbc') throw new ConflictError('gateway.errors.smbcHasPbx');
    if (!pbx.password && !gateway.pbxPasswordSealed) throw new ValidationError({ 'pbx.password': ['errors.required'] });
    const before = { pbxType: gateway.pbxType, pbxAddress: gateway.pbxAddress, pbxUsername: gateway.pbxUsername };
    const after = { pbxType: pbx.type, pbxAddress: pbx.address, pbxUsername: pbx.username };
    await tx
      .update(gateways)
      .set({
        ...after,
        ...(pbx.password ? { pbxPasswordSealed: sealSecret(pbx.password) } : {}),
        // A changed PBX must be linked and connected again.
        pbxLinkedAt: null,
        connectedAt: null,
        errorKey: null,
        errorParams: null,
        updatedAt: new Date(),
      })
      .where(eq(gateways.id, gateway.id));
    await recordIntegrationEdit(tx, ctx, found.account, 'cloudlinkGateway', { before, after: { ...after, passwordChanged: !!pbx.password }, core: { step: 'pbx' } });
    return startGatewayTask(tx, ctx.actor, found.account, { kind: 'configurePbx' });
  });
}
