import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretKeyConfigError } from '@/lib/crypto/errors';
import { findKey, parseKeyring } from '@/lib/crypto/keys';
import { newKey } from './helpers';

function configError(source: { SECRETS_KEY?: string; SECRETS_OLD_KEYS?: string }): SecretKeyConfigError {
  try {
    parseKeyring(source);
  } catch (e) {
    expect(e).toBeInstanceOf(SecretKeyConfigError);
    return e as SecretKeyConfigError;
  }
  throw new Error('parseKeyring accepted an invalid configuration');
}

describe('parseKeyring (SECRETS_KEY, SECRETS_OLD_KEYS)', () => {
  it('accepts base64url, base64 with padding and surrounding spaces, all naming the same key', () => {
    const bytes = randomBytes(32);
    const id = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
    for (const text of [bytes.toString('base64url'), bytes.toString('base64'), ` ${bytes.toString('base64')} `]) {
      const keyring = parseKeyring({ SECRETS_KEY: text });
      expect(keyring.current.id).toBe(id);
      expect(keyring.current.bytes.equals(bytes)).toBe(true);
      expect(keyring.old).toEqual([]);
    }
  });

  it('reads the old keys in order, ignoring blanks, duplicates and the current key', () => {
    const [current, a, b] = [newKey(), newKey(), newKey()];
    const keyring = parseKeyring({ SECRETS_KEY: current, SECRETS_OLD_KEYS: ` ${a}, ,${b},${a},${current}` });
    expect(keyring.old.map((k) => k.id)).toEqual([parseKeyring({ SECRETS_KEY: a }).current.id, parseKeyring({ SECRETS_KEY: b }).current.id]);
    const [, second] = keyring.old;
    expect(findKey(keyring, second?.id ?? '')).toBe(second);
    expect(findKey(keyring, keyring.current.id)).toBe(keyring.current);
    expect(findKey(keyring, '00000000')).toBeUndefined();
  });

  it('names SECRETS_KEY when it is missing', () => {
    const error = configError({});
    expect(error.variable).toBe('SECRETS_KEY');
    expect(error.message).toMatch(/^SECRETS_KEY: is not set/);
  });

  it.each([
    ['too short (16 bytes)', randomBytes(16).toString('base64url')],
    ['too long (33 bytes)', randomBytes(33).toString('base64url')],
    ['hex', randomBytes(32).toString('hex')],
    ['a passphrase', 'correct horse battery staple correct horse'],
    ['invalid characters', `${newKey().slice(0, 42)}!`],
    ['non-canonical last character', `${Buffer.alloc(32).toString('base64url').slice(0, 42)}B`],
  ])('names SECRETS_KEY for a key that is %s, without echoing it', (_, value) => {
    const error = configError({ SECRETS_KEY: value });
    expect(error.variable).toBe('SECRETS_KEY');
    expect(error.message).toMatch(/^SECRETS_KEY: must be 32 random bytes/);
    expect(error.message).not.toContain(value);
  });

  it('names SECRETS_OLD_KEYS and the position of a bad entry, without echoing it', () => {
    const error = configError({ SECRETS_KEY: newKey(), SECRETS_OLD_KEYS: `${newKey()},not-a-key` });
    expect(error.variable).toBe('SECRETS_OLD_KEYS');
    expect(error.message).toMatch(/^SECRETS_OLD_KEYS: entry 2 must be 32 random bytes/);
    expect(error.message).not.toContain('not-a-key');
  });
});
