import { z } from 'zod';
import { decodeKey, KEY_HINT, oldKeyProblems } from './crypto/key-material';

/**
 * Microsoft Graph (lib/adapters/graph). Unset means Microsoft's own endpoints; tests and demos point
 * both URLs at the Graph emulator and trust its certificate through GRAPH_CA_FILE (a PEM, trusted
 * in addition to the system CAs). The Graph URL must be https: the Graph client sends its bearer
 * token to https hosts only.
 */
export const GraphEnvSchema = z.object({
  GRAPH_URL: z.url({ protocol: /^https$/ }).optional(),
  GRAPH_LOGIN_URL: z.url({ protocol: /^https?$/ }).optional(),
  GRAPH_CA_FILE: z.string().min(1).optional(),
});
export const GRAPH_DEFAULTS = { GRAPH_URL: 'https://graph.microsoft.com', GRAPH_LOGIN_URL: 'https://login.microsoftonline.com' } as const;

const bool = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

/**
 * Every environment variable the portal reads, validated once (README "Configuration").
 * A bad value stops the start with the variable's name.
 */
export const EnvSchema = z
  .object({
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    // The public base URL; unset → PUBLIC_URL, NEXTAUTH_URL, else http://localhost:<PORT> (see below).
    APP_URL: z.url().optional(),
    PUBLIC_URL: z.url().optional(),
    NEXTAUTH_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    NEXTAUTH_SECRET: z.string().min(32).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default('Partner Portal <no-reply@localhost>'),
    PARTNER_OIDC_ISSUER: z.url().optional(),
    PARTNER_OIDC_CLIENT_ID: z.string().min(1).optional(),
    PARTNER_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    WORKERS: bool.default(true),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    SEED_DEMO: bool.default(true),
    DEMO_PASSWORD: z.string().min(8).max(128).optional(),
    TRUST_PROXY: bool.default(false),
    // Key of the secret store (lib/crypto); `npm start` generates it into DATA_DIR/secrets-key when unset.
    SECRETS_KEY: z
      .string()
      .refine((v) => decodeKey(v) !== null, KEY_HINT)
      .optional(),
    SECRETS_OLD_KEYS: z
      .string()
      .superRefine((v, ctx) => {
        for (const message of oldKeyProblems(v)) ctx.addIssue({ code: 'custom', message });
      })
      .optional(),
    ...GraphEnvSchema.shape,
    // O365-1: the portal's own multi-tenant Azure app Office 365 admins consent to; the secret lets
    // the portal confirm a consent with Azure instead of trusting the redirect.
    O365_CLIENT_ID: z.string().min(1).max(100).optional(),
    O365_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.PARTNER_OIDC_ISSUER, env.PARTNER_OIDC_CLIENT_ID, env.PARTNER_OIDC_CLIENT_SECRET];
    const set = oidc.filter(Boolean).length;
    if (set > 0 && set < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['PARTNER_OIDC_ISSUER'],
        message: 'PARTNER_OIDC_ISSUER, PARTNER_OIDC_CLIENT_ID and PARTNER_OIDC_CLIENT_SECRET must be set together',
      });
    }
  });

/** The validated environment, with APP_URL always set (without a trailing slash). */
export type Env = Omit<z.infer<typeof EnvSchema>, 'APP_URL' | 'PUBLIC_URL' | 'NEXTAUTH_URL'> & { APP_URL: string };

/**
 * The URL people and e-mailed links use: APP_URL, or the names other tools use for it
 * (PUBLIC_URL; NEXTAUTH_URL, next-auth's own), else this machine on the configured PORT.
 */
function appUrl({ APP_URL, PUBLIC_URL, NEXTAUTH_URL, PORT }: z.infer<typeof EnvSchema>): string {
  return (APP_URL ?? PUBLIC_URL ?? NEXTAUTH_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, '');
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { PUBLIC_URL: _public, NEXTAUTH_URL: _nextauth, ...rest } = result.data;
  return { ...rest, APP_URL: appUrl(result.data) };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
