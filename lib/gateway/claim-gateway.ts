import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { gateways } from '@/db/schema';
import { canConfigureIntegrations } from '@/lib/authz';
import { sealSecret } from '@/lib/crypto/secret-box';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, ValidationError, validationFromZod } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { z } from 'zod';
import { normaliseLinkCode } from './link-code';
import { hashSecret, newSecret } from './protocol/secrets';
import { ClaimInput } from './schemas';
import { loadAccountGateway } from './scope';

const Input = ClaimInput.extend({ accountId: z.string().max(100) });
const invalidCode = () => new ValidationError({ linkCode: ['gateway.errors.linkCodeInvalid'] });

/**
 * GW-1: links the gateway that shows this link code to the account and issues its credential
 * (protocol §1), which the gateway collects once. A wrong code and a code another account has
 * claimed get the same answer: the code reveals nothing about other customers.
 */
export async function claimGateway({ ctx, input }: Command<unknown>): Promise<{ gatewayId: string }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const code = normaliseLinkCode(parsed.data.linkCode);
  if (!code) throw invalidCode();
  return withTransaction(ctx, async (tx) => {
    const found = await loadAccountGateway(tx, ctx.actor, parsed.data.accountId, { lock: true });
    if (found.gateway) throw new ConflictError('gateway.errors.alreadyLinked');
    const [candidate] = await tx
      .select()
      .from(gateways)
      .where(and(eq(gateways.linkCodeHash, hashSecret(code)), isNull(gateways.accountId), isNull(gateways.resetRequestedAt)))
      .for('update')
      .limit(1);
    if (!candidate) throw invalidCode();
    const secret = newSecret();
    const { account } = found;
    await tx
      .update(gateways)
      .set({
        accountId: account.id,
        claimedAt: new Date(),
        linkCodeHash: null,
        credentialHash: hashSecret(secret),
        credentialPickup: sealSecret(`${candidate.id}.${secret}`),
        errorKey: null,
        errorParams: null,
        updatedAt: new Date(),
      })
      .where(eq(gateways.id, candidate.id));
    await recordIntegrationEdit(tx, ctx, account, 'cloudlinkGateway', {
      before: { gateway: null },
      after: { gateway: { hardwareId: candidate.hardwareId, model: candidate.model, platform: candidate.platform, softwareVersion: candidate.softwareVersion } },
      core: { step: 'claim' },
    });
    return { gatewayId: candidate.id };
  });
}
