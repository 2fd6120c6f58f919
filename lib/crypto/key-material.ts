/**
 * Decoding of secret-store keys as written in the environment (README "Configuration").
 * Kept free of `server-only` and of the environment so lib/env.ts can validate with it.
 */

/** 32 bytes are 43 base64 characters plus one optional "=" of padding. */
const KEY_TEXT = /^[A-Za-z0-9+/_-]{43}=?$/;

export const KEY_HINT = 'must be 32 random bytes, base64 or base64url encoded (e.g. `openssl rand -base64 32`)';

/** The 32 key bytes of one base64/base64url value, or null when it is not exactly that. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!KEY_TEXT.test(trimmed)) return null;
  const url = trimmed.replace(/=$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const bytes = Buffer.from(url, 'base64url');
  // The 43rd character carries 2 unused bits; a value that does not round-trip is a typo, not a key.
  if (bytes.length !== 32 || bytes.toString('base64url') !== url) return null;
  return bytes;
}

/** The comma-separated entries of SECRETS_OLD_KEYS (blank entries ignored). */
export function splitOldKeys(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Problems of a SECRETS_OLD_KEYS value, by 1-based position; never the key text itself,
 * so an error message can't leak a key into logs.
 */
export function oldKeyProblems(text: string | undefined): string[] {
  return splitOldKeys(text).flatMap((entry, i) => (decodeKey(entry) ? [] : [`entry ${i + 1} ${KEY_HINT}`]));
}
