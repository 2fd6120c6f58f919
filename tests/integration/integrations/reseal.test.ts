import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, type Account } from '@/db/schema';
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
const stored = async () => (await db().select().from(accountIntegrations).where(where()))[0]!.settings as { address: string; password: { sealed: string; setAt: string } };

beforeAll(async () => {
  ({ contoso } = await seedTenants());
  await db()
    .insert(accountIntegrations)
    .values({ accountId: contoso.id, integrationId: 'micollab', version: 1, setupDone: true, settings: { address: 'mc.example', password: { sealed: sealSecret('pw-1', before), setAt: SET_AT } } });
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

  it('finds nothing left on a second run, so the old key can go', async () => {
    const sealed = (await stored()).password.sealed;
    expect(await resealIntegrationSecrets(db(), rotated)).toBe(0);
    expect((await stored()).password.sealed).toBe(sealed);
  });

  it('stops on a secret whose key is in neither variable, changing nothing', async () => {
    const sealed = (await stored()).password.sealed;
    expect(await rejection(resealIntegrationSecrets(db(), parseKeyring({ SECRETS_KEY: key() })))).toBeInstanceOf(UnknownSecretKeyError);
    expect((await stored()).password.sealed).toBe(sealed);
  });
});
