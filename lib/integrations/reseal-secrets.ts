import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accountIntegrations } from '@/db/schema';
import { keyring as envKeyring, type Keyring } from '@/lib/crypto/keys';
import { needsReseal, resealSecret } from '@/lib/crypto/secret-box';

type Settings = Record<string, unknown>;
const isSecret = (v: unknown): v is { sealed: string; setAt: string } => typeof v === 'object' && v !== null && typeof (v as { sealed?: unknown }).sealed === 'string';

/** The settings with every secret sealed under an old key sealed again under the current one, or null when none was. */
export function resealedSettings(settings: Settings, keyring: Keyring): Settings | null {
  let changed = false;
  const next = Object.fromEntries(
    Object.entries(settings).map(([k, v]) => {
      if (!isSecret(v) || !needsReseal(v.sealed, keyring)) return [k, v];
      changed = true;
      // The secret keeps its "set on" date: its value did not change.
      return [k, { ...v, sealed: resealSecret(v.sealed, keyring) }];
    }),
  );
  return changed ? next : null;
}

/**
 * INT-5 key rotation: seals every stored integration secret that an old key sealed (SECRETS_OLD_KEYS)
 * again under SECRETS_KEY, one row per transaction under a row lock, so it can run beside the
 * portal. Runs at every start; once it reports none left, the old key can be dropped. A secret
 * whose key is in neither variable throws: the operator must restore that key.
 */
export async function resealIntegrationSecrets(database: Db, keyring: Keyring = envKeyring()): Promise<number> {
  const candidates = await database
    .select({ accountId: accountIntegrations.accountId, integrationId: accountIntegrations.integrationId })
    .from(accountIntegrations)
    .where(sql`exists (select 1 from jsonb_each(${accountIntegrations.settings}) s where jsonb_typeof(s.value) = 'object' and s.value ? 'sealed')`);
  let resealed = 0;
  for (const c of candidates) {
    resealed += await database.transaction(async (tx) => {
      const where = and(eq(accountIntegrations.accountId, c.accountId), eq(accountIntegrations.integrationId, c.integrationId));
      const [row] = await tx.select({ settings: accountIntegrations.settings }).from(accountIntegrations).where(where).for('update');
      const next = row && resealedSettings(row.settings, keyring);
      if (!next) return 0;
      await tx.update(accountIntegrations).set({ settings: next }).where(where);
      return 1;
    });
  }
  return resealed;
}
