import { describe, expect, it } from 'vitest';
import { InvalidSecretError, SecretStoreError, UnknownSecretKeyError } from '@/lib/crypto/errors';
import { needsReseal, openSecret, resealSecret, sealSecret } from '@/lib/crypto/secret-box';
import { newKey, ring } from './helpers';

const keys = ring(newKey());

describe('sealSecret / openSecret (INT-5)', () => {
  it.each([
    ['ascii', 'client-secret-123'],
    ['empty string', ''],
    ['unicode', 'Pässwörd 🔐 日本語 — ½'],
    ['long', 'x'.repeat(10_000)],
  ])('round-trips %s', (_, plain) => {
    expect(openSecret(sealSecret(plain, keys), keys)).toBe(plain);
  });

  it('produces v1.<keyId>.<iv>.<ciphertext+tag> with a 12-byte IV and a 16-byte tag', () => {
    const envelope = sealSecret('abc', keys);
    const [version, keyId, iv = '', sealed = ''] = envelope.split('.');
    expect(version).toBe('v1');
    expect(keyId).toBe(keys.current.id);
    expect(keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(sealed, 'base64url')).toHaveLength(3 + 16);
    expect(envelope).not.toContain('abc');
  });

  it('uses a different IV (and ciphertext) every time', () => {
    const envelopes = Array.from({ length: 50 }, () => sealSecret('same secret', keys));
    expect(new Set(envelopes.map((e) => e.split('.')[2])).size).toBe(50);
    expect(new Set(envelopes.map((e) => e.split('.')[3])).size).toBe(50);
  });

  it('fails when any single character of the envelope is changed', () => {
    const envelope = sealSecret('tamper me', keys);
    for (let i = 0; i < envelope.length; i++) {
      for (const replacement of ['A', '0', '.', '-']) {
        if (envelope[i] === replacement) continue;
        const tampered = envelope.slice(0, i) + replacement + envelope.slice(i + 1);
        expect(() => openSecret(tampered, keys), `position ${i} → ${replacement}`).toThrow(SecretStoreError);
      }
    }
  });

  it.each([
    ['truncated', (e: string) => e.slice(0, -1)],
    ['extended', (e: string) => `${e}A`],
    ['extra part', (e: string) => `${e}.AAAA`],
    ['missing part', (e: string) => e.split('.').slice(0, 3).join('.')],
    ['other version', (e: string) => e.replace(/^v1\./, 'v2.')],
    ['tag dropped', (e: string) => e.replace(/\.[^.]+$/, '.')],
    ['padded base64', (e: string) => `${e}=`],
    ['empty', () => ''],
  ])('rejects a %s envelope as invalid', (_, change) => {
    expect(() => openSecret(change(sealSecret('secret value', keys)), keys)).toThrow(InvalidSecretError);
  });

  it('rejects an envelope whose key id names another key of the keyring (the id is authenticated)', () => {
    const current = newKey();
    const other = newKey();
    const both = ring(current, other);
    const envelope = sealSecret('secret', both);
    const [oldKey] = both.old;
    expect(oldKey).toBeDefined();
    const swapped = envelope.replace(both.current.id, oldKey?.id ?? '');
    expect(() => openSecret(swapped, both)).toThrow(InvalidSecretError);
  });

  it('fails with UnknownSecretKeyError, naming the key id, for a key not in the keyring', () => {
    const envelope = sealSecret('secret', ring(newKey()));
    let error: unknown;
    try {
      openSecret(envelope, keys);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownSecretKeyError);
    expect((error as UnknownSecretKeyError).keyId).toBe(envelope.split('.')[1]);
    expect((error as Error).message).toContain(envelope.split('.')[1]);
  });

  it('never puts the plain text into an error message', () => {
    const envelope = sealSecret('hunter2', keys);
    const tampered = envelope.slice(0, -2) + (envelope.endsWith('AA') ? 'BA' : 'AA');
    expect(() => openSecret(tampered, keys)).toThrow(/^(?!.*hunter2)/s);
  });
});

describe('key rotation (INT-5)', () => {
  const oldKey = newKey();
  const newCurrent = newKey();
  const before = ring(oldKey);
  const during = ring(newCurrent, oldKey);
  const after = ring(newCurrent);

  it('reads a secret sealed with the old key once it is in SECRETS_OLD_KEYS, and reseals it with the new key', () => {
    const sealedOld = sealSecret('rotate me', before);
    expect(needsReseal(sealedOld, before)).toBe(false);

    expect(openSecret(sealedOld, during)).toBe('rotate me');
    expect(needsReseal(sealedOld, during)).toBe(true);

    const resealed = resealSecret(sealedOld, during);
    expect(resealed.split('.')[1]).toBe(during.current.id);
    expect(needsReseal(resealed, during)).toBe(false);
    expect(openSecret(resealed, during)).toBe('rotate me');

    // Once the old key is dropped, only the resealed value can be read.
    expect(openSecret(resealed, after)).toBe('rotate me');
    expect(() => openSecret(sealedOld, after)).toThrow(UnknownSecretKeyError);
    expect(() => resealSecret(sealedOld, after)).toThrow(UnknownSecretKeyError);
  });

  it('seals new secrets with the current key only', () => {
    expect(sealSecret('new', during).split('.')[1]).toBe(during.current.id);
    expect(() => openSecret(sealSecret('new', during), before)).toThrow(UnknownSecretKeyError);
  });

  it('needsReseal rejects a malformed envelope', () => {
    expect(() => needsReseal('not an envelope', during)).toThrow(InvalidSecretError);
  });
});
