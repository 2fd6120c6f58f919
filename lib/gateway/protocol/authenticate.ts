import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { gateways, type Gateway } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import { unauthorized } from './errors';
import { bearer, hashMatches } from './secrets';

/** A heartbeat is written at most this often per gateway: an event batch each second writes no row for it. */
const SEEN_WRITE_MS = 15_000;

/** What the protocol's handlers need of the authenticated gateway (not its site, logs or PBX: read per request). */
export type AuthenticatedGateway = Pick<Gateway, 'id' | 'accountId'>;

/**
 * The gateway a request's credential `<gatewayId>.<secret>` belongs to (protocol §2), or a 401.
 * Counts as a heartbeat.
 */
export async function authenticateGateway(request: Request): Promise<AuthenticatedGateway> {
  const token = bearer(request);
  const dot = token?.indexOf('.') ?? -1;
  if (!token || dot < 0) throw unauthorized();
  const id = token.slice(0, dot);
  if (!isUuid(id)) throw unauthorized();
  const [gateway] = await db()
    .select({ id: gateways.id, accountId: gateways.accountId, credentialHash: gateways.credentialHash, lastSeenAt: gateways.lastSeenAt })
    .from(gateways)
    .where(eq(gateways.id, id))
    .limit(1);
  if (!gateway || !hashMatches(token.slice(dot + 1), gateway.credentialHash)) throw unauthorized();
  if (!gateway.lastSeenAt || Date.now() - gateway.lastSeenAt.getTime() > SEEN_WRITE_MS) {
    await db().update(gateways).set({ lastSeenAt: sql`now()` }).where(eq(gateways.id, gateway.id));
  }
  return { id: gateway.id, accountId: gateway.accountId };
}
