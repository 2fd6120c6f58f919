import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

const OIDC = {
  PARTNER_OIDC_ISSUER: 'https://idp.example.test/realms/partners',
  PARTNER_OIDC_CLIENT_ID: 'portal',
  PARTNER_OIDC_CLIENT_SECRET: 'secret',
};

/** The EnvError message of a configuration that must not start. */
function failure(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as Error).message;
  }
  throw new Error('parseEnv accepted an invalid configuration');
}

describe('parseEnv (README "Configuration")', () => {
  it('starts with documented defaults when nothing is set', () => {
    expect(parseEnv({})).toEqual({
      APP_URL: 'http://localhost:3000',
      PORT: 3000,
      MAIL_FROM: 'Partner Portal <no-reply@localhost>',
      WORKERS: true,
      DATA_DIR: '.data',
      EMBEDDED_PG_PORT: 54329,
      SEED_DEMO: true,
      TRUST_PROXY: false,
    });
  });

  it('derives APP_URL from PORT, or takes PUBLIC_URL / NEXTAUTH_URL when APP_URL is not set', () => {
    expect(parseEnv({ PORT: '8080' }).APP_URL).toBe('http://localhost:8080');
    expect(parseEnv({ PORT: '8080', PUBLIC_URL: 'https://portal.example.test/' }).APP_URL).toBe('https://portal.example.test');
    expect(parseEnv({ NEXTAUTH_URL: 'https://auth.example.test' }).APP_URL).toBe('https://auth.example.test');
    expect(parseEnv({ APP_URL: 'https://app.example.test', PUBLIC_URL: 'https://portal.example.test', NEXTAUTH_URL: 'https://auth.example.test' }).APP_URL).toBe('https://app.example.test');
    expect(failure({ PUBLIC_URL: 'portal' })).toContain('PUBLIC_URL:');
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ PORT: '', SMTP_URL: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000 });
    expect(parseEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('reads the values it is given, converting numbers', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgres://portal:pw@db.internal:5432/portal',
      APP_URL: 'https://portal.example.test',
      PORT: '8080',
      SMTP_URL: 'smtps://user:pw@smtp.example.test:465',
      EMBEDDED_PG_PORT: '55000',
      ...OIDC,
    });
    expect(env).toMatchObject({ PORT: 8080, EMBEDDED_PG_PORT: 55000, APP_URL: 'https://portal.example.test', ...OIDC });
    expect(parseEnv({ DATABASE_URL: 'postgresql://localhost/portal' }).DATABASE_URL).toBe('postgresql://localhost/portal');
  });

  it.each(['mysql://localhost/portal', 'not a url', 'localhost:5432'])('names DATABASE_URL when it is %j', (value) => {
    expect(failure({ DATABASE_URL: value })).toMatch(/^Invalid configuration:\n\s+DATABASE_URL: /);
  });

  it.each(['abc', '0', '70000', '80.5'])('names PORT when it is %j', (value) => {
    const message = failure({ PORT: value });
    expect(message).toContain('PORT:');
    expect(message).not.toContain('DATABASE_URL');
  });

  it('names every bad variable at once', () => {
    const message = failure({ PORT: 'x', SMTP_URL: 'http://smtp.example.test', NEXTAUTH_SECRET: 'too-short', WORKERS: 'maybe' });
    for (const name of ['PORT', 'SMTP_URL', 'NEXTAUTH_SECRET', 'WORKERS']) expect(message).toContain(`${name}:`);
  });

  it('requires the partner OIDC settings together', () => {
    expect(failure({ PARTNER_OIDC_ISSUER: OIDC.PARTNER_OIDC_ISSUER })).toContain('PARTNER_OIDC_ISSUER, PARTNER_OIDC_CLIENT_ID and PARTNER_OIDC_CLIENT_SECRET must be set together');
    expect(failure({ PARTNER_OIDC_CLIENT_ID: 'portal', PARTNER_OIDC_CLIENT_SECRET: 'secret' })).toContain('PARTNER_OIDC_ISSUER:');
    expect(parseEnv(OIDC)).toMatchObject(OIDC);
    expect(parseEnv({}).PARTNER_OIDC_ISSUER).toBeUndefined();
  });

  it.each([
    ['off', false],
    ['false', false],
    ['0', false],
    ['on', true],
    ['true', true],
    ['1', true],
  ] as const)('reads WORKERS=%s as %s', (value, expected) => {
    expect(parseEnv({ WORKERS: value }).WORKERS).toBe(expected);
  });

  it('reads SEED_DEMO and TRUST_PROXY switches, and rejects unknown switch values', () => {
    expect(parseEnv({ SEED_DEMO: 'off', TRUST_PROXY: 'on' })).toMatchObject({ SEED_DEMO: false, TRUST_PROXY: true });
    expect(failure({ TRUST_PROXY: 'yes' })).toContain('TRUST_PROXY:');
  });

  it('requires a demo password of at least 8 characters', () => {
    expect(failure({ DEMO_PASSWORD: 'short' })).toContain('DEMO_PASSWORD:');
    expect(parseEnv({ DEMO_PASSWORD: 'long-enough' }).DEMO_PASSWORD).toBe('long-enough');
  });
});
