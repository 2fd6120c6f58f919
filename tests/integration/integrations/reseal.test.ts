import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, events, type Account } from '@/db/schema';
import { UnknownSecretKeyError } from '@/lib/crypto/errors';
import { parseKeyring } from '@/lib/crypto/keys';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { resealIntegrationSecrets } from '@/lib/integrations/reseal-secrets';
import { seedTenants } from '../helpers';
import { rejection } from '../users/fixtures';

const key = () => randomBytes(32).toString('base64url');
const OLD = key();
const NEW = key();
const before = parseKeyring({ SECRETS_KEY: OLD });
const rotated = parseKeyring({ SECRETS_KEY: NEW, SECRETS_OLD_KEYS: OLD });
const SET_AT = '2026-01-05T09:00:00.000Z';

let contoso: Account;
const where = () => and(eq(accountIntegrations.accountId, contoso.id), eq(accountIntegrations.integrationId, 'micollab'));
type Sealed = { sealed: string; setAt: string };
const stored = async () => (await db().select().from(accountIntegrations).where(where()))[0]!.settings as { address: string; password: Sealed; apiToken: Sealed };
const auditTrail = () => db().select().from(events).where(eq(events.assetId, `${contoso.id}:micollab`)).orderBy(events.seq);
let oldEnvelopes: string[];

beforeAll(async () => {
  ({ contoso } = await seedTenants());
  await db()
    .insert(accountIntegrations)
    .values({
      accountId: contoso.id,
      integrationId: 'micollab',
      version: 1,
      setupDone: true,
      settings: { address: 'mc.example', password: { sealed: sealSecret('pw-1', before), setAt: SET_AT }, apiToken: { sealed: sealSecret('token-1', before), setAt: SET_AT } },
    });
  const { password, apiToken } = await stored();
  oldEnvelopes = [password.sealed, apiToken.sealed];
});

describe('key rotation of integration secrets (INT-5)', () => {
  it('reseals what the old key sealed under the new key, keeping the value and its "set on" date', async () => {
    expect(await resealIntegrationSecrets(db(), rotated)).toBe(1);
    const { address, password } = await stored();
    expect(address).toBe('mc.example');
    expect(password.setAt).toBe(SET_AT);
    expect(password.sealed.split('.')[1]).toBe(rotated.current.id);
    expect(openSecret(password.sealed, parseKeyring({ SECRETS_KEY: NEW }))).toBe('pw-1');
  });

  it('records a system Edit event per resealed secret, naming the setting and the keys but never the secret or its envelope', async () => {
    const trail = await auditTrail();
    expect(trail.map((e) => ({ action: e.action, asset: e.asset, actorKind: e.actorKind, actorId: e.actorId, accountId: e.accountId, partnerOrgId: e.partnerOrgId, properties: e.properties }))).toEqual(
      ['password', 'apiToken'].map(() => ({
        action: 'Edit',
        asset: 'Integration',
        actorKind: 'system',
        actorId: null,
        accountId: contoso.id,
        partnerOrgId: contoso.partnerOrgId,
        properties: ['sealedWith'],
      })),
    );
    // In the order the stored settings come back (jsonb orders keys), so compared as a set.
    const settingOf = (details: Record<string, unknown>) => (details.before as { setting: string }).setting;
    expect(trail.map((e) => e.coreDetails).sort((a, b) => settingOf(a).localeCompare(settingOf(b)))).toEqual(
      ['apiToken', 'password'].map((setting) => ({
        integrationId: 'micollab',
        reason: 'keyRotation',
        before: { integrationId: 'micollab', setting, sealedWith: before.current.id },
        after: { integrationId: 'micollab', setting, sealedWith: rotated.current.id },
      })),
    );
    const { password, apiToken } = await stored();
    const text = JSON.stringify(trail);
    for (const leak of ['pw-1', 'token-1', ...oldEnvelopes, password.sealed, apiToken.sealed, OLD, NEW]) expect(text).not.toContain(leak);
  });

  it('finds nothing left on a second run, so the old key can go', async () => {
    const sealed = (await stored()).password.sealed;
    expect(await resealIntegrationSecrets(db(), rotated)).toBe(0);
    expect((await stored()).password.sealed).toBe(sealed);
    expect(await auditTrail()).toHaveLength(2);
  });

  it('stops on a secret whose key is in neither variable, changing nothing', async () => {
    const sealed = (await stored()).password.sealed;
    expect(await rejection(resealIntegrationSecrets(db(), parseKeyring({ SECRETS_KEY: key() })))).toBeInstanceOf(UnknownSecretKeyError);
    expect((await stored()).password.sealed).toBe(sealed);
    expect(await auditTrail()).toHaveLength(2);
  });
});
