import { randomBytes } from 'node:crypto';
import { parseKeyring, type Keyring } from '@/lib/crypto/keys';

/** A fresh random key as an operator would write it (base64url, 43 characters). */
export const newKey = (): string => randomBytes(32).toString('base64url');

export function ring(current: string, ...old: string[]): Keyring {
  return parseKeyring({ SECRETS_KEY: current, SECRETS_OLD_KEYS: old.join(',') });
}
