import 'server-only';
import { createHash } from 'node:crypto';
import { env } from '@/lib/env';
import { SecretKeyConfigError } from './errors';
import { decodeKey, KEY_HINT, splitOldKeys } from './key-material';

export interface SecretKey {
  /** First 8 hex characters of SHA-256 of the key bytes: names the key inside every envelope. */
  readonly id: string;
  readonly bytes: Buffer;
}

/** The key that seals (`current`) and the older keys that may still open (`old`). */
export interface Keyring {
  readonly current: SecretKey;
  readonly old: readonly SecretKey[];
}

export function keyId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

function toKey(text: string, variable: 'SECRETS_KEY' | 'SECRETS_OLD_KEYS', label: string): SecretKey {
  const bytes = decodeKey(text);
  if (!bytes) throw new SecretKeyConfigError(variable, `${label}${KEY_HINT}`);
  return { id: keyId(bytes), bytes };
}

/** Builds a keyring from the two variables; a bad or missing value names its variable. */
export function parseKeyring(source: { SECRETS_KEY?: string; SECRETS_OLD_KEYS?: string }): Keyring {
  if (!source.SECRETS_KEY?.trim()) {
    throw new SecretKeyConfigError('SECRETS_KEY', 'is not set (`npm start` generates it into DATA_DIR/secrets-key)');
  }
  const current = toKey(source.SECRETS_KEY, 'SECRETS_KEY', '');
  const seen = new Set([current.id]);
  const old: SecretKey[] = [];
  splitOldKeys(source.SECRETS_OLD_KEYS).forEach((text, i) => {
    const key = toKey(text, 'SECRETS_OLD_KEYS', `entry ${i + 1} `);
    // The current key listed again, or a key listed twice, is harmless: keep one of each.
    if (!seen.has(key.id)) old.push(key);
    seen.add(key.id);
  });
  return { current, old };
}

/** The key with this id, current or old, or undefined. */
export function findKey(keyring: Keyring, id: string): SecretKey | undefined {
  return keyring.current.id === id ? keyring.current : keyring.old.find((k) => k.id === id);
}

let cached: Keyring | undefined;
/** The keyring of this process's environment (validated by lib/env.ts at start). */
export function keyring(): Keyring {
  cached ??= parseKeyring(env());
  return cached;
}
