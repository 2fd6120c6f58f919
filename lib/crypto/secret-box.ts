import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { InvalidSecretError, UnknownSecretKeyError } from './errors';
import { findKey, keyring as envKeyring, type Keyring } from './keys';

/**
 * Sealed secrets are stored as one text value:
 *
 *   v1.<keyId>.<iv>.<ciphertext+tag>
 *
 * AES-256-GCM, a random 12-byte IV per seal, the 16-byte tag appended to the ciphertext,
 * both base64url without padding. The header `v1.<keyId>` is the additional authenticated
 * data, so changing the version or the key id fails authentication like any other change.
 */
const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

interface Envelope {
  keyId: string;
  iv: Buffer;
  sealed: Buffer;
}

/** Strict base64url: a value that does not re-encode to itself is rejected (no silent unused bits). */
function decodePart(part: string, name: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (!B64URL.test(part) || bytes.toString('base64url') !== part) throw new InvalidSecretError(`${name} is not base64url`);
  return bytes;
}

function parseEnvelope(envelope: string): Envelope {
  const parts = envelope.split('.');
  if (parts.length !== 4) throw new InvalidSecretError('expected v1.<keyId>.<iv>.<ciphertext>');
  const [version = '', keyId = '', ivText = '', sealedText = ''] = parts;
  if (version !== VERSION) throw new InvalidSecretError(`unsupported version "${version.slice(0, 8)}"`);
  if (!/^[0-9a-f]{8}$/.test(keyId)) throw new InvalidSecretError('malformed key id');
  const iv = decodePart(ivText, 'iv');
  if (iv.length !== IV_BYTES) throw new InvalidSecretError('iv has the wrong length');
  const sealed = decodePart(sealedText, 'ciphertext');
  if (sealed.length < TAG_BYTES) throw new InvalidSecretError('ciphertext is too short');
  return { keyId, iv, sealed };
}

const header = (keyId: string) => `${VERSION}.${keyId}`;

/** Encrypts `plain` under the current key of the keyring (by default SECRETS_KEY). */
export function sealSecret(plain: string, keyring: Keyring = envKeyring()): string {
  const { id, bytes } = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(header(id)));
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${header(id)}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/**
 * Decrypts an envelope with whichever key of the keyring sealed it.
 * Throws UnknownSecretKeyError when that key is not in the keyring, InvalidSecretError otherwise.
 */
export function openSecret(envelope: string, keyring: Keyring = envKeyring()): string {
  const { keyId, iv, sealed } = parseEnvelope(envelope);
  const key = findKey(keyring, keyId);
  if (!key) throw new UnknownSecretKeyError(keyId);
  const decipher = createDecipheriv(ALGORITHM, key.bytes, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(header(keyId)));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new InvalidSecretError('authentication failed (tampered or sealed with a different key)');
  }
}

/** The id of the key that sealed the envelope (a fingerprint of the key, not secret itself). */
export function sealedWithKeyId(envelope: string): string {
  return parseEnvelope(envelope).keyId;
}

/** True when the envelope was sealed with a key other than the current one (after a rotation). */
export function needsReseal(envelope: string, keyring: Keyring = envKeyring()): boolean {
  return parseEnvelope(envelope).keyId !== keyring.current.id;
}

/** Opens with whichever key sealed it and seals again with the current key (fresh IV). */
export function resealSecret(envelope: string, keyring: Keyring = envKeyring()): string {
  return sealSecret(openSecret(envelope, keyring), keyring);
}
