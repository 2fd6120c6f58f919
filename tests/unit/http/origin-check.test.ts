import { describe, expect, it } from 'vitest';
import { checkOrigin, checkRequestOrigin, type OriginCheckInput } from '@/lib/http/origin-check';

const base: OriginCheckInput = {
  method: 'POST',
  pathname: '/accounts',
  origin: null,
  referer: null,
  host: 'portal.example',
  forwardedHost: null,
  appUrl: 'https://portal.example',
  trustProxy: false,
};

describe('checkOrigin (CSRF)', () => {
  it.each<[string, Partial<OriginCheckInput>, ReturnType<typeof checkOrigin>]>([
    ['a GET from anywhere', { method: 'GET', origin: 'https://evil.example' }, { ok: true }],
    ['a HEAD', { method: 'HEAD', origin: 'https://evil.example' }, { ok: true }],
    ['a CORS preflight', { method: 'OPTIONS', origin: 'https://evil.example' }, { ok: true }],
    ["a POST from APP_URL's origin", { origin: 'https://portal.example' }, { ok: true }],
    ['a POST from the host it was sent to (another name than APP_URL)', { origin: 'http://localhost:3000', host: 'localhost:3000' }, { ok: true }],
    ['a POST from the own host, https behind a proxy that talks http to the portal', { origin: 'https://intranet.example', host: 'intranet.example', appUrl: 'https://portal.example' }, { ok: true }],
    ['a POST from another site', { origin: 'https://evil.example' }, { ok: false, reason: 'foreign' }],
    ['a POST from a sibling subdomain (same site, other origin)', { origin: 'https://evil.portal.example' }, { ok: false, reason: 'foreign' }],
    ['a POST from another port of the same machine', { origin: 'https://portal.example:8443' }, { ok: false, reason: 'foreign' }],
    ['a POST from the same host over http when APP_URL is https, Host elsewhere', { origin: 'http://portal.example', host: '10.0.0.5:3000' }, { ok: false, reason: 'foreign' }],
    ['lower/upper case does not matter', { origin: 'https://PORTAL.example', host: 'Portal.Example' }, { ok: true }],
    ['a PUT, PATCH or DELETE from another site', { method: 'DELETE', origin: 'https://evil.example' }, { ok: false, reason: 'foreign' }],
    ['an unknown method from another site', { method: 'PROPFIND', origin: 'https://evil.example' }, { ok: false, reason: 'foreign' }],
    ['Origin: null (sandboxed frame, cross-site redirect)', { origin: 'null' }, { ok: false, reason: 'opaque' }],
    ['a malformed Origin', { origin: 'not a url' }, { ok: false, reason: 'foreign' }],
    ['no Origin, Referer of the portal', { referer: 'https://portal.example/accounts?page=2' }, { ok: true }],
    ['no Origin, Referer of another site', { referer: 'https://evil.example/form' }, { ok: false, reason: 'foreign' }],
    ['Origin wins over Referer', { origin: 'https://evil.example', referer: 'https://portal.example/' }, { ok: false, reason: 'foreign' }],
    ['neither Origin nor Referer on a cookie-authenticated path', {}, { ok: false, reason: 'missing' }],
    ['next-auth POSTs are checked too', { pathname: '/api/auth/callback/credentials', origin: 'https://evil.example' }, { ok: false, reason: 'foreign' }],
    ['the billing API (API key, no cookie) is exempt', { pathname: '/api/billing/orders' }, { ok: true }],
    ['the billing API, even named by another site', { pathname: '/api/billing/orders', origin: 'https://evil.example' }, { ok: true }],
    ['X-Forwarded-Host is ignored without TRUST_PROXY', { origin: 'https://other.example', forwardedHost: 'other.example' }, { ok: false, reason: 'foreign' }],
    ['X-Forwarded-Host counts with TRUST_PROXY', { origin: 'https://other.example', host: '10.0.0.5:3000', forwardedHost: 'other.example', trustProxy: true }, { ok: true }],
    ["only X-Forwarded-Host's first value counts", { origin: 'https://evil.example', host: '10.0.0.5:3000', forwardedHost: 'other.example, evil.example', trustProxy: true }, { ok: false, reason: 'foreign' }],
  ])('%s', (_, change, verdict) => {
    expect(checkOrigin({ ...base, ...change })).toEqual(verdict);
  });
});

describe('checkRequestOrigin', () => {
  it("reads a Fetch API request's method and headers", () => {
    const config = { appUrl: 'http://localhost:3000', trustProxy: false };
    const post = (headers: Record<string, string>) => new Request('http://localhost:3000/api/upload/user-imports/x', { method: 'POST', headers });
    expect(checkRequestOrigin(post({ origin: 'https://evil.example', host: 'localhost:3000' }), '/api/upload/user-imports/x', config)).toEqual({ ok: false, reason: 'foreign' });
    expect(checkRequestOrigin(post({ origin: 'http://localhost:3000' }), '/api/upload/user-imports/x', config)).toEqual({ ok: true });
    expect(checkRequestOrigin(new Request('http://localhost:3000/x'), '/x', config)).toEqual({ ok: true });
  });
});
