import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { gateways } from '@/db/schema';
import type { AuthenticatedGateway } from './authenticate';
import { hashSecret, newSecret } from './secrets';

/** Protocol §2 `POST /credential/rotate`: a new secret; the old one stops working at once. */
export async function rotateCredential(gateway: AuthenticatedGateway): Promise<Response> {
  const secret = newSecret();
  await db().update(gateways).set({ credentialHash: hashSecret(secret), updatedAt: new Date() }).where(eq(gateways.id, gateway.id));
  return Response.json({ credential: `${gateway.id}.${secret}` });
}
