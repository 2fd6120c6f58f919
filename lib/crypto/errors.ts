/**
 * Errors of the secret store. Not DomainErrors: none of them is shown to a user as such;
 * a boundary logs them and shows a generic failure (the secret has to be entered again).
 */
export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** SECRETS_KEY / SECRETS_OLD_KEYS is missing or malformed; `variable` names which. */
export class SecretKeyConfigError extends SecretStoreError {
  constructor(
    readonly variable: 'SECRETS_KEY' | 'SECRETS_OLD_KEYS',
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/** The envelope was sealed with a key that is neither SECRETS_KEY nor in SECRETS_OLD_KEYS. */
export class UnknownSecretKeyError extends SecretStoreError {
  constructor(readonly keyId: string) {
    super(`secret was sealed with key ${keyId}, which is neither SECRETS_KEY nor in SECRETS_OLD_KEYS`);
  }
}

/** The envelope is malformed, of an unknown version, or fails authentication (tampered). */
export class InvalidSecretError extends SecretStoreError {
  constructor(reason: string) {
    super(`invalid sealed secret: ${reason}`);
  }
}
