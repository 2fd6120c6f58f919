import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetGraphConfig } from '@/lib/adapters/graph/config';
import { adminConsentUrl, authorizeUrl, MONITOR_SCOPES } from '@/lib/adapters/graph/delegated';
import { appToken, decodeJwt } from '@/lib/adapters/graph/tokens';
import type { HttpRequest } from '@/lib/adapters/graph/transport';

const sent: { url: string; form: URLSearchParams }[] = [];
let lifetimeSeconds = 3600;
let refuse = false;

const jwt = (claims: Record<string, unknown>) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

vi.mock('@/lib/adapters/graph/transport', () => ({
  send: async (url: string, r: HttpRequest) => {
    const form = new URLSearchParams(r.body);
    sent.push({ url, form });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const body = refuse
      ? { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided.`, error_codes: [7000215] }
      : { token_type: 'Bearer', expires_in: lifetimeSeconds, access_token: jwt({ roles: ['Presence.ReadWrite.All'], n: sent.length }) };
    return new Response(JSON.stringify(body), { status: refuse ? 401 : 200, headers: { 'content-type': 'application/json' } });
  },
}));

const app = { tenantId: 'tenant-1', clientId: 'client-1', clientSecret: 'secret-one' };

beforeEach(async () => {
  sent.length = 0;
  lifetimeSeconds = 3600;
  refuse = false;
  await resetGraphConfig();
});
afterEach(() => vi.useRealTimers());

describe('the client-credentials token cache', () => {
  it('asks Entra once for concurrent callers and reuses the token, reading its roles', async () => {
    const tokens = await Promise.all([appToken(app), appToken(app), appToken(app)]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token');
    expect(Object.fromEntries(sent[0]!.form)).toEqual({ client_id: 'client-1', client_secret: 'secret-one', grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' });
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(tokens[0]!.roles).toEqual(['Presence.ReadWrite.All']);
    await appToken(app);
    expect(sent).toHaveLength(1);
  });

  it('renews five minutes before expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T12:00:00Z'));
    await appToken(app);
    vi.setSystemTime(new Date('2025-03-01T12:54:59Z'));
    await appToken(app);
    expect(sent).toHaveLength(1);
    vi.setSystemTime(new Date('2025-03-01T12:55:01Z'));
    await appToken(app);
    expect(sent).toHaveLength(2);
  });

  it('keeps tokens apart per tenant and client, and drops the old one when the secret changes', async () => {
    const first = await appToken(app);
    await appToken({ ...app, tenantId: 'tenant-2' });
    await appToken({ ...app, clientId: 'client-2' });
    expect(sent).toHaveLength(3);
    const rotated = await appToken({ ...app, clientSecret: 'secret-two' });
    expect(sent).toHaveLength(4);
    expect(rotated.accessToken).not.toBe(first.accessToken);
    await appToken(app); // the old secret again: its token was dropped, so Entra decides
    expect(sent).toHaveLength(5);
  });

  it('maps a refusal and caches nothing, never naming the secret', async () => {
    refuse = true;
    const e = await appToken(app).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'invalidSecret', status: 401, code: 'AADSTS7000215' });
    expect(String((e as Error).message)).not.toContain('secret-one');
    refuse = false;
    await appToken(app);
    expect(sent).toHaveLength(2);
  });
});

describe('token claims and sign-in URLs', () => {
  it('decodes a JWT payload without verifying it, and survives an opaque token', () => {
    expect(decodeJwt(jwt({ roles: ['A'], tid: 't' }))).toEqual({ roles: ['A'], tid: 't' });
    expect(decodeJwt('opaque')).toBeNull();
    expect(decodeJwt('a.bm90IGpzb24.c')).toBeNull();
  });

  it('builds the admin consent and authorization-code URLs', () => {
    const consent = new URL(adminConsentUrl({ tenant: 'organizations', clientId: 'cid', redirectUri: 'https://portal.example/api/o365/consent', state: 's1' }));
    expect(`${consent.origin}${consent.pathname}`).toBe('https://login.microsoftonline.com/organizations/v2.0/adminconsent');
    expect(Object.fromEntries(consent.searchParams)).toEqual({ client_id: 'cid', scope: 'https://graph.microsoft.com/.default', redirect_uri: 'https://portal.example/api/o365/consent', state: 's1' });
    const auth = new URL(authorizeUrl({ tenant: 'tid', clientId: 'cid', redirectUri: 'https://portal.example/cb', state: 's2', loginHint: 'mon@contoso.example', scopes: [...MONITOR_SCOPES] }));
    expect(auth.pathname).toBe('/tid/oauth2/v2.0/authorize');
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({ response_type: 'code', login_hint: 'mon@contoso.example', scope: MONITOR_SCOPES.join(' '), state: 's2' });
    expect(MONITOR_SCOPES).toContain('offline_access');
  });
});
