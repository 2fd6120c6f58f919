import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyring } from '@/lib/crypto/keys';
import { needsReseal, openSecret, resealSecret, sealSecret } from '@/lib/crypto/secret-box';
import { newKey, ring } from './helpers';

// lib/env caches the environment once per process; vitest gives each file its own modules.
const current = newKey();
const old = newKey();
const saved = { SECRETS_KEY: process.env.SECRETS_KEY, SECRETS_OLD_KEYS: process.env.SECRETS_OLD_KEYS };

beforeAll(() => {
  process.env.SECRETS_KEY = current;
  process.env.SECRETS_OLD_KEYS = old;
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the keyring of the environment (no keyring argument)', () => {
  it('seals with SECRETS_KEY and reads and reseals what SECRETS_OLD_KEYS sealed', () => {
    expect(keyring().current.id).toBe(ring(current).current.id);
    const sealedOld = sealSecret('from before the rotation', ring(old));
    expect(openSecret(sealedOld)).toBe('from before the rotation');
    expect(needsReseal(sealedOld)).toBe(true);
    const resealed = resealSecret(sealedOld);
    expect(needsReseal(resealed)).toBe(false);
    expect(openSecret(sealSecret('fresh'))).toBe('fresh');
  });
});
