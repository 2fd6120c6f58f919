import 'server-only';
import { eq, isNotNull, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { gateways } from '@/db/schema';
import { keyring as envKeyring, type Keyring } from '@/lib/crypto/keys';
import { needsReseal, resealSecret } from '@/lib/crypto/secret-box';

/**
 * INT-5 key rotation for the gateways' sealed values (the PBX password, a credential not yet
 * collected), beside lib/integrations/reseal-secrets.ts: one row per transaction under a row lock.
 */
export async function resealGatewaySecrets(database: Db, keyring: Keyring = envKeyring()): Promise<number> {
  const rows = await database.select({ id: gateways.id }).from(gateways).where(or(isNotNull(gateways.pbxPasswordSealed), isNotNull(gateways.credentialPickup)));
  let resealed = 0;
  for (const { id } of rows) {
    resealed += await database.transaction(async (tx) => {
      const [g] = await tx.select({ pbx: gateways.pbxPasswordSealed, pickup: gateways.credentialPickup }).from(gateways).where(eq(gateways.id, id)).for('update');
      const pbx = g?.pbx && needsReseal(g.pbx, keyring) ? resealSecret(g.pbx, keyring) : null;
      const pickup = g?.pickup && needsReseal(g.pickup, keyring) ? resealSecret(g.pickup, keyring) : null;
      if (!pbx && !pickup) return 0;
      await tx.update(gateways).set({ ...(pbx ? { pbxPasswordSealed: pbx } : {}), ...(pickup ? { credentialPickup: pickup } : {}) }).where(eq(gateways.id, id));
      return 1;
    });
  }
  return resealed;
}
