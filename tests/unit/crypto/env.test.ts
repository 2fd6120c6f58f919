import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { newKey } from './helpers';

function failure(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as Error).message;
  }
  throw new Error('parseEnv accepted an invalid configuration');
}

describe('parseEnv: secret-store keys', () => {
  it('leaves both unset by default (the launcher generates SECRETS_KEY into DATA_DIR)', () => {
    const env = parseEnv({});
    expect(env.SECRETS_KEY).toBeUndefined();
    expect(env.SECRETS_OLD_KEYS).toBeUndefined();
  });

  it('accepts a key and old keys as given', () => {
    const [current, old1, old2] = [newKey(), newKey(), newKey()];
    const env = parseEnv({ SECRETS_KEY: current, SECRETS_OLD_KEYS: `${old1},${old2}` });
    expect(env.SECRETS_KEY).toBe(current);
    expect(env.SECRETS_OLD_KEYS).toBe(`${old1},${old2}`);
  });

  it('names SECRETS_KEY for a bad key, without echoing it', () => {
    const message = failure({ SECRETS_KEY: 'too-short-secret' });
    expect(message).toContain('SECRETS_KEY: must be 32 random bytes');
    expect(message).not.toContain('too-short-secret');
  });

  it('names SECRETS_OLD_KEYS and the bad entry', () => {
    const message = failure({ SECRETS_KEY: newKey(), SECRETS_OLD_KEYS: `${newKey()},${newKey()},oops` });
    expect(message).toContain('SECRETS_OLD_KEYS: entry 3 must be 32 random bytes');
    expect(message).not.toContain('oops');
  });
});
