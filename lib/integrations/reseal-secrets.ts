import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accountIntegrations, accounts } from '@/db/schema';
import { systemActor } from '@/lib/auth/system-actor';
import type { Actor } from '@/lib/authz/types';
import { keyring as envKeyring, type Keyring } from '@/lib/crypto/keys';
import { needsReseal, resealSecret, sealedWithKeyId } from '@/lib/crypto/secret-box';
import { recordEvents } from '@/lib/events/record-event';

type Settings = Record<string, unknown>;
const isSecret = (v: unknown): v is { sealed: string; setAt: string } => typeof v === 'object' && v !== null && typeof (v as { sealed?: unknown }).sealed === 'string';

/** A secret sealed again: the setting's name and the id of the old key, never the value or the envelope. */
export interface ResealedSecret {
  setting: string;
  fromKeyId: string;
}

/** The settings with every secret sealed under an old key sealed again under the current one, or null when none was. */
export function resealedSettings(settings: Settings, keyring: Keyring): { settings: Settings; resealed: ResealedSecret[] } | null {
  const resealed: ResealedSecret[] = [];
  const next = Object.fromEntries(
    Object.entries(settings).map(([k, v]) => {
      if (!isSecret(v) || !needsReseal(v.sealed, keyring)) return [k, v];
      resealed.push({ setting: k, fromKeyId: sealedWithKeyId(v.sealed) });
      // The secret keeps its "set on" date: its value did not change.
      return [k, { ...v, sealed: resealSecret(v.sealed, keyring) }];
    }),
  );
  return resealed.length ? { settings: next, resealed } : null;
}

/** The portal itself resealing at start: a system event in the account's history (EVT-1). */
export function keyRotationActor(account: { partnerOrgId: string; id: string }): Actor {
  return { ...systemActor({ partnerOrgId: account.partnerOrgId, accountId: account.id }), name: 'System (key rotation)' };
}

/**
 * INT-5 key rotation: seals every stored integration secret that an old key sealed (SECRETS_OLD_KEYS)
 * again under SECRETS_KEY, one row per transaction under a row lock, so it can run beside the
 * portal; each resealed secret records an Edit event naming the setting and the key ids. Runs at
 * every start; once it reports none left, the old key can be dropped. A secret whose key is in
 * neither variable throws: the operator must restore that key.
 */
export async function resealIntegrationSecrets(database: Db, keyring: Keyring = envKeyring()): Promise<number> {
  const candidates = await database
    .select({ account: accounts, integrationId: accountIntegrations.integrationId })
    .from(accountIntegrations)
    .innerJoin(accounts, eq(accounts.id, accountIntegrations.accountId))
    .where(sql`exists (select 1 from jsonb_each(${accountIntegrations.settings}) s where jsonb_typeof(s.value) = 'object' and s.value ? 'sealed')`);
  let resealed = 0;
  for (const { account, integrationId } of candidates) {
    resealed += await database.transaction(async (tx) => {
      const where = and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, integrationId));
      const [row] = await tx.select({ settings: accountIntegrations.settings }).from(accountIntegrations).where(where).for('update');
      const next = row && resealedSettings(row.settings, keyring);
      if (!next) return 0;
      await tx.update(accountIntegrations).set({ settings: next.settings }).where(where);
      await recordEvents(
        tx,
        { actor: keyRotationActor(account), tx },
        next.resealed.map(({ setting, fromKeyId }) => ({
          action: 'Edit' as const,
          asset: 'Integration' as const,
          assetId: `${account.id}:${integrationId}`,
          accountId: account.id,
          partnerOrgId: account.partnerOrgId,
          before: { integrationId, setting, sealedWith: fromKeyId },
          after: { integrationId, setting, sealedWith: keyring.current.id },
          core: { integrationId, reason: 'keyRotation' },
        })),
      );
      return 1;
    });
  }
  return resealed;
}
