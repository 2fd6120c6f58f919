import 'server-only';
import { graphConfig } from './config';
import { GraphError } from './errors';
import type { RetryOptions } from './retry';
import { claimString, decodeJwt, GRAPH_DEFAULT_SCOPE, tokenRequest, type TokenAnswer } from './tokens';
import type { DelegatedToken } from './types';

/** What a presence monitor signs in with (TEAMS-4; the seed's list of delegated permissions). */
export const MONITOR_SCOPES = ['offline_access', 'openid', 'profile', 'email', 'User.Read', 'User.Read.All', 'Presence.Read', 'Presence.Read.All', 'Subscription.Read.All'] as const;
/** Application permissions the presence sync needs, and the one that only shows the secret's expiry. */
export const PRESENCE_APP_PERMISSIONS = ['Presence.ReadWrite.All', 'User.Read.All'] as const;
export const OPTIONAL_APP_PERMISSIONS = ['Application.Read.All'] as const;

interface MonitorApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

const scopeString = (scopes?: readonly string[]) => (scopes?.length ? scopes : MONITOR_SCOPES).join(' ');

/** The URL an administrator opens to consent to the app's permissions in their tenant. */
export function adminConsentUrl(o: { tenant: string; clientId: string; redirectUri: string; state: string }): string {
  const q = new URLSearchParams({ client_id: o.clientId, scope: GRAPH_DEFAULT_SCOPE, redirect_uri: o.redirectUri, state: o.state });
  return `${graphConfig().loginUrl}/${encodeURIComponent(o.tenant)}/v2.0/adminconsent?${q}`;
}

/** The authorization-code URL a presence monitor signs in through (delegated). */
export function authorizeUrl(o: { tenant: string; clientId: string; redirectUri: string; state: string; loginHint?: string; scopes?: readonly string[] }): string {
  const q = new URLSearchParams({ client_id: o.clientId, response_type: 'code', redirect_uri: o.redirectUri, response_mode: 'query', scope: scopeString(o.scopes), state: o.state });
  if (o.loginHint) q.set('login_hint', o.loginHint);
  return `${graphConfig().loginUrl}/${encodeURIComponent(o.tenant)}/oauth2/v2.0/authorize?${q}`;
}

function delegated(app: MonitorApp, t: TokenAnswer, previousRefresh?: string): DelegatedToken {
  const access = decodeJwt(t.access_token);
  const id = t.id_token ? decodeJwt(t.id_token) : null;
  const refreshToken = t.refresh_token ?? previousRefresh;
  if (!refreshToken) throw new GraphError('consentMissing', 'Entra issued no refresh token: offline_access was not granted', { status: 200, code: 'NoRefreshToken' });
  return {
    tenantId: claimString(access, 'tid') ?? claimString(id, 'tid') ?? app.tenantId,
    clientId: app.clientId,
    accessToken: t.access_token,
    refreshToken,
    expiresAt: new Date(Date.now() + t.expires_in * 1000),
    userId: claimString(access, 'oid') ?? claimString(id, 'oid') ?? '',
    upn: claimString(access, 'upn', 'unique_name', 'preferred_username') ?? claimString(id, 'preferred_username', 'upn', 'email') ?? '',
  };
}

/** Signs a monitor in with its user name and password (ROPC). */
export async function monitorSignIn(o: MonitorApp & { username: string; password: string; scopes?: readonly string[] }, retry?: RetryOptions): Promise<DelegatedToken> {
  const form = { client_id: o.clientId, client_secret: o.clientSecret, grant_type: 'password', username: o.username, password: o.password, scope: scopeString(o.scopes) };
  return delegated(o, await tokenRequest(o.tenantId, form, [o.clientSecret, o.password], retry));
}

/** Redeems the code of the authorization-code sign-in. */
export async function monitorRedeemCode(o: MonitorApp & { code: string; redirectUri: string; scopes?: readonly string[] }, retry?: RetryOptions): Promise<DelegatedToken> {
  const form = { client_id: o.clientId, client_secret: o.clientSecret, grant_type: 'authorization_code', code: o.code, redirect_uri: o.redirectUri, scope: scopeString(o.scopes) };
  return delegated(o, await tokenRequest(o.tenantId, form, [o.clientSecret, o.code], retry));
}

/** A new access token from the refresh token; `passwordChanged` when the user must sign in again. */
export async function monitorRefresh(o: MonitorApp & { refreshToken: string; scopes?: readonly string[] }, retry?: RetryOptions): Promise<DelegatedToken> {
  const form = { client_id: o.clientId, client_secret: o.clientSecret, grant_type: 'refresh_token', refresh_token: o.refreshToken, scope: scopeString(o.scopes) };
  return delegated(o, await tokenRequest(o.tenantId, form, [o.clientSecret, o.refreshToken], retry), o.refreshToken);
}
