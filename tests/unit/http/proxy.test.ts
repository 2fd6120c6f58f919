import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import nl from '@/messages/nl.json';

/*
 * proxy.ts itself, called as Next.js calls it. The environment is read once per process
 * (lib/env), so each case loads the proxy afresh under its own variables.
 */
async function proxyWith(vars: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return (await import('@/proxy')).proxy;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const get = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://localhost:3000${path}`, { headers });

describe('proxy.ts security headers', () => {
  it('gives a page a fresh nonce, on the response and on the request Next.js renders with', async () => {
    const proxy = await proxyWith({ APP_URL: 'http://localhost:3000', TRUST_PROXY: 'off' });
    const first = await proxy(get('/sign-in'));
    const second = await proxy(get('/sign-in'));
    const policy = first.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("frame-ancestors 'none'");
    // NextResponse.next({ request }) hands the changed request headers to Next.js this way.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(second.headers.get('content-security-policy')).not.toBe(policy);
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    expect(first.headers.has('strict-transport-security')).toBe(false);
  });

  it.each([
    ['plain http', { APP_URL: 'http://localhost:3000', TRUST_PROXY: 'off' }, {}, false],
    ['X-Forwarded-Proto https without TRUST_PROXY', { APP_URL: 'http://localhost:3000', TRUST_PROXY: 'off' }, { 'x-forwarded-proto': 'https' }, false],
    ['X-Forwarded-Proto https with TRUST_PROXY', { APP_URL: 'http://localhost:3000', TRUST_PROXY: 'on' }, { 'x-forwarded-proto': 'https' }, true],
    ['an https APP_URL', { APP_URL: 'https://portal.example', TRUST_PROXY: 'off' }, {}, true],
  ])('HSTS over %s: %s', async (_, vars, headers, hsts) => {
    const proxy = await proxyWith(vars);
    const response = await proxy(get('/sign-in', headers));
    expect(response.headers.get('strict-transport-security')).toBe(hsts ? 'max-age=63072000; includeSubDomains' : null);
  });

  it('puts the headers on its redirects and refusals too', async () => {
    const proxy = await proxyWith({ APP_URL: 'http://localhost:3000', NEXTAUTH_SECRET: 'x'.repeat(32) });
    const redirect = await proxy(get('/dashboard'));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('content-security-policy')).toContain("'nonce-");
    const unauthenticated = await proxy(get('/api/accounts/x/users/import-template'));
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a state-changing request from another site before looking at the session, in the visitor’s language', async () => {
    const proxy = await proxyWith({ APP_URL: 'http://localhost:3000', NEXTAUTH_SECRET: 'x'.repeat(32) });
    const post = (path: string, headers: Record<string, string>) => new NextRequest(`http://localhost:3000${path}`, { method: 'POST', headers });
    const refused = await proxy(post('/accounts/new', { origin: 'https://evil.example', 'next-action': 'abc', 'accept-language': 'nl' }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'errors.forbidden', message: nl.errors.forbidden });
    expect(refused.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await proxy(post('/api/auth/callback/credentials', { origin: 'https://evil.example' }))).status).toBe(403);
    expect((await proxy(post('/api/auth/callback/credentials', {}))).status).toBe(403);
    // The portal's own origin passes this check (and goes on to the session check or the page).
    expect((await proxy(post('/api/auth/callback/credentials', { origin: 'http://localhost:3000' }))).status).toBe(200);
    expect((await proxy(post('/accounts/new', { origin: 'http://localhost:3000' }))).status).toBe(307);
    // The billing API authenticates an API key: no Origin needed.
    expect((await proxy(post('/api/billing/orders', {}))).status).toBe(200);
  });
});
