import 'server-only';
import { createHash } from 'node:crypto';
import { graphConfig, onGraphConfigReset } from './config';
import { errorFromBody, GraphError } from './errors';
import { parseJson, withRetries, type RetryOptions } from './retry';
import { send } from './transport';
import type { GraphApp } from './types';

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
/** A cached token is replaced this long before it expires (or at half its life, if shorter). */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
}

/** The claims of a JWT, unverified: Entra signed it and we only read what it says of itself. */
export function decodeJwt(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  const claims = parseJson(Buffer.from(part, 'base64url').toString('utf8'));
  return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
}

export function claimString(claims: Record<string, unknown> | null, ...names: string[]): string | null {
  for (const n of names) if (typeof claims?.[n] === 'string' && claims[n]) return claims[n];
  return null;
}

/** POSTs a form to the tenant's v2.0 token endpoint, with the adapter's retries; Entra's refusals become GraphErrors. */
export async function tokenRequest(tenantId: string, form: Record<string, string>, secrets: (string | undefined)[], retry?: RetryOptions): Promise<TokenAnswer> {
  const url = `${graphConfig().loginUrl}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
  const body = new URLSearchParams(form).toString();
  const res = await withRetries(
    (signal) => send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body, signal }),
    { retry, secrets },
  );
  const json = parseJson(await res.text());
  if (!res.ok) throw errorFromBody(res.status, json, { secrets });
  const t = json as Partial<TokenAnswer> | null;
  if (!t || typeof t.access_token !== 'string') throw new GraphError('unavailable', 'The token endpoint answered without an access token', { status: res.status });
  return { ...t, access_token: t.access_token, expires_in: Number(t.expires_in) || 3600 };
}

export interface AppToken {
  accessToken: string;
  expiresAt: Date;
  roles: string[];
  refreshAt: number;
}

const cache = new Map<string, AppToken>();
const inflight = new Map<string, Promise<AppToken>>();
/** (tenant, client) → the secret hash last used, so a new secret drops the old secret's token. */
const secretOf = new Map<string, string>();
onGraphConfigReset(() => {
  cache.clear();
  inflight.clear();
  secretOf.clear();
});

function keys(app: GraphApp): { app: string; token: string } {
  const a = `${app.tenantId.toLowerCase()}|${app.clientId.toLowerCase()}`;
  return { app: a, token: `${a}|${createHash('sha256').update(app.clientSecret).digest('base64url').slice(0, 22)}` };
}

async function issue(app: GraphApp, retry?: RetryOptions): Promise<AppToken> {
  const t = await tokenRequest(
    app.tenantId,
    { client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'client_credentials', scope: GRAPH_DEFAULT_SCOPE },
    [app.clientSecret],
    retry,
  );
  const now = Date.now();
  const lifetime = t.expires_in * 1000;
  const roles = decodeJwt(t.access_token)?.roles;
  return {
    accessToken: t.access_token,
    expiresAt: new Date(now + lifetime),
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
    refreshAt: now + lifetime - Math.min(REFRESH_MARGIN_MS, lifetime / 2),
  };
}

/**
 * The app's client-credentials token for a tenant: cached per (tenant, client, secret), renewed
 * five minutes before it expires; concurrent callers share one request.
 */
export function appToken(app: GraphApp, retry?: RetryOptions): Promise<AppToken> {
  const k = keys(app);
  const previous = secretOf.get(k.app);
  if (previous !== k.token) {
    if (previous) cache.delete(previous);
    secretOf.set(k.app, k.token);
  }
  const hit = cache.get(k.token);
  if (hit && Date.now() < hit.refreshAt) return Promise.resolve(hit);
  let p = inflight.get(k.token);
  if (!p) {
    p = issue(app, retry)
      .then((t) => {
        if (secretOf.get(k.app) === k.token) cache.set(k.token, t);
        return t;
      })
      .finally(() => inflight.delete(k.token));
    inflight.set(k.token, p);
  }
  return p;
}

/** Drops a token Graph refused (401), so the next call fetches a new one. */
export function forgetAppToken(app: GraphApp, accessToken: string): void {
  const k = keys(app);
  if (cache.get(k.token)?.accessToken === accessToken) cache.delete(k.token);
}

/**
 * A new token whatever the cache holds, for checks that must see the tenant as it is now: a
 * consent granted or revoked a minute ago changes the token's roles, not the cached one's.
 */
export function freshAppToken(app: GraphApp, retry?: RetryOptions): Promise<AppToken> {
  cache.delete(keys(app).token);
  return appToken(app, retry);
}
