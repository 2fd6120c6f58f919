import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, gateways, type Gateway } from '@/db/schema';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { normaliseLinkCode } from '../link-code';
import { latestGatewayVersion } from '../release';
import { ProtocolError } from './errors';
import { readBody } from './read-body';
import { AnnounceBody, BODY_LIMITS } from './schemas';
import { bearer, hashMatches, hashSecret, newSecret } from './secrets';

const POLL_AFTER_SECONDS = 5;

function isUniqueViolation(e: unknown, constraint: string): boolean {
  const err = e as { code?: string; constraint_name?: string; cause?: { code?: string; constraint_name?: string } };
  const c = err.cause ?? err;
  return c.code === '23505' && c.constraint_name === constraint;
}

/**
 * Protocol §1 `POST /announce`: a gateway without a credential makes itself known with the link
 * code it shows. A known hardware id may only be announced again by the holder of its poll token
 * (or after a factory reset, when there is none), so nobody can take over another device.
 */
export async function announce(request: Request): Promise<Response> {
  const body = await readBody(request, AnnounceBody, BODY_LIMITS.announce);
  const code = normaliseLinkCode(body.linkCode);
  if (!code) throw new ProtocolError(400, 'invalid_request', 'The link code must be 8 characters of ABCDEFGHJKLMNPQRSTUVWXYZ23456789.');
  const pollToken = newSecret();
  try {
    return await db().transaction(async (tx) => {
      const [known] = await tx.select().from(gateways).where(eq(gateways.hardwareId, body.hardwareId)).for('update').limit(1);
      if (!known) {
        const [created] = await tx
          .insert(gateways)
          .values({ hardwareId: body.hardwareId, linkCodeHash: hashSecret(code), pollTokenHash: hashSecret(pollToken), model: body.model, platform: body.platform, softwareVersion: body.softwareVersion, availableVersion: latestGatewayVersion(), lastSeenAt: new Date() })
          .returning({ id: gateways.id });
        return Response.json({ gatewayId: created!.id, pollToken, pollAfterSeconds: POLL_AFTER_SECONDS }, { status: 201 });
      }
      const presented = bearer(request);
      if (known.pollTokenHash && !(presented && hashMatches(presented, known.pollTokenHash))) {
        throw new ProtocolError(409, 'hardware_id_taken', 'A gateway with this hardware id is already announced; send its poll token.');
      }
      // A claimed gateway announcing again has lost its credential: it gets a new one to collect.
      const reissue = known.accountId ? reissueCredential(known) : {};
      await tx
        .update(gateways)
        .set({
          linkCodeHash: known.accountId ? null : hashSecret(code),
          pollTokenHash: hashSecret(pollToken),
          model: body.model,
          platform: body.platform,
          softwareVersion: body.softwareVersion,
          availableVersion: latestGatewayVersion(),
          lastSeenAt: new Date(),
          updatedAt: new Date(),
          ...reissue,
        })
        .where(eq(gateways.id, known.id));
      return Response.json({ gatewayId: known.id, pollToken, pollAfterSeconds: POLL_AFTER_SECONDS }, { status: 200 });
    });
  } catch (e) {
    if (isUniqueViolation(e, 'gateways_link_code_uq')) throw new ProtocolError(409, 'link_code_taken', 'Another gateway shows this link code; make a new one.');
    throw e;
  }
}

function reissueCredential(gateway: Gateway) {
  const secret = newSecret();
  return { credentialHash: hashSecret(secret), credentialPickup: sealSecret(`${gateway.id}.${secret}`) };
}

/**
 * Protocol §1 `POST /claim-status`: "waiting" until an account claims the gateway, then the
 * credential exactly once (erased from the row in the same transaction), then "collected".
 */
export async function claimStatus(request: Request): Promise<Response> {
  const token = bearer(request);
  if (!token) throw new ProtocolError(401, 'unauthorized', 'Send the poll token of the announcement.');
  return db().transaction(async (tx) => {
    const [gateway] = await tx.select().from(gateways).where(eq(gateways.pollTokenHash, hashSecret(token))).for('update').limit(1);
    if (!gateway) throw new ProtocolError(401, 'unauthorized', 'The poll token is not valid.');
    await tx.update(gateways).set({ lastSeenAt: new Date() }).where(eq(gateways.id, gateway.id));
    if (!gateway.accountId) return Response.json({ status: 'waiting', pollAfterSeconds: POLL_AFTER_SECONDS });
    if (!gateway.credentialPickup) return Response.json({ status: 'collected' });
    const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, gateway.accountId)).limit(1);
    await tx.update(gateways).set({ credentialPickup: null, updatedAt: new Date() }).where(eq(gateways.id, gateway.id));
    return Response.json({ status: 'claimed', credential: openSecret(gateway.credentialPickup), accountName: account?.name ?? '' });
  });
}
