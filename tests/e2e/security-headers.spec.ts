import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { E2E } from './env';

/*
 * Issue 14 item 6 over HTTP, against the production build (README "Security"): the headers, the
 * CSP nonce Next.js puts on its scripts, and the Origin checks. The stack runs with TRUST_PROXY
 * off and an http APP_URL; tests/unit/http/proxy.test.ts covers HSTS behind a trusted proxy.
 */

const APP = E2E.appUrl;
const EVIL = 'https://evil.example';
/** A made-up server action id: the checks run before Next.js looks it up. */
const ACTION = '7f' + '0'.repeat(40);
const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

/** A POST with Host and Origin of our choosing (fetch clients may not set Host): its status, and whether Next.js went looking for the action. */
function rawPost(path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, APP), { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers } }, (res) => {
      res.resume();
      resolve(res.headers['x-nextjs-action-not-found'] ? 'action not found' : String(res.statusCode));
    });
    req.on('error', reject);
    req.end('[]');
  });
}

test.describe('security headers and Origin checks (issue 14)', () => {
  test("a page's CSP carries a fresh nonce that is on every one of its scripts", async ({ request }) => {
    const response = await request.get('/sign-in');
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const policy = headers['content-security-policy'];
    const nonce = nonceOf(policy);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' });

    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(3);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const styles = html.match(/<(style|link rel="stylesheet")\b[^>]*>/g) ?? [];
    for (const tag of styles) expect(tag).toContain(`nonce="${nonce}"`);

    const again = await request.get('/sign-in');
    expect(nonceOf(again.headers()['content-security-policy'])).not.toBe(nonce);

    // Static files skip the proxy and get the fixed headers of next.config.mjs.
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    const js = await request.get(chunk!);
    expect(js.status()).toBe(200);
    expect(js.headers()).toMatchObject({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
    });
  });

  test('the redirect of a signed-out visitor and an API answer carry the headers too', async ({ request }) => {
    const redirect = await request.get('/dashboard', { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(redirect.headers()['x-content-type-options']).toBe('nosniff');
    const session = await request.get('/api/auth/session');
    expect(session.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(session.headers()['referrer-policy']).toBe('same-origin');
  });

  test('no HSTS over plain http, not even when a client claims https without TRUST_PROXY', async ({ request }) => {
    expect((await request.get('/sign-in')).headers()['strict-transport-security']).toBeUndefined();
    const spoofed = await request.get('/sign-in', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(spoofed.headers()['strict-transport-security']).toBeUndefined();
  });

  test('the upload route (outside the proxy) refuses another site with 403, not the portal', async ({ request }) => {
    const path = '/api/upload/user-imports/00000000-0000-4000-8000-000000000000';
    const evil = await request.post(path, { headers: { Origin: EVIL, 'X-File-Name': 'users.csv' }, data: 'EMAIL\r\na@b.example\r\n' });
    expect(evil.status()).toBe(403);
    expect(await evil.json()).toMatchObject({ error: 'errors.forbidden' });
    expect(evil.headers()).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' });
    const byReferer = await request.post(path, { headers: { Referer: `${EVIL}/page` }, data: 'x' });
    expect(byReferer.status()).toBe(403);
    // From the portal the request goes on to the session check.
    const own = await request.post(path, { headers: { Origin: APP, 'X-File-Name': 'users.csv' }, data: 'EMAIL\r\na@b.example\r\n' });
    expect(own.status()).toBe(401);
  });

  test('server actions and next-auth refuse another site; the billing API does not care', async ({ request }) => {
    const action = (origin: string) => request.post('/forgot-password', { headers: { Origin: origin, 'Next-Action': ACTION, 'Content-Type': 'text/plain;charset=UTF-8' }, data: '[]' });
    const evil = await action(EVIL);
    expect(evil.status()).toBe(403);
    expect(await evil.json()).toMatchObject({ error: 'errors.forbidden' });
    // From the portal it reaches Next.js, which does not know this action.
    const own = await action(APP);
    expect(own.status()).not.toBe(403);
    expect(own.headers()['x-nextjs-action-not-found']).toBe('1');

    const signIn = (headers: Record<string, string>) => request.post('/api/auth/callback/credentials', { headers, form: { email: 'a@b.example', password: 'x', csrfToken: 'x' } });
    expect((await signIn({ Origin: EVIL })).status()).toBe(403);
    expect((await signIn({})).status()).toBe(403); // a browser always says where a POST comes from
    expect((await signIn({ Origin: APP })).status()).not.toBe(403);

    const billing = await request.post('/api/billing/orders', { headers: { Origin: EVIL, 'Content-Type': 'application/json' }, data: {} });
    expect(billing.status()).toBe(401); // no API key: refused for that, not for the Origin
  });

  test("behind a proxy that rewrites Host, server actions from APP_URL's origin still pass Next's own check", async () => {
    const port = new URL(APP).port;
    // Origin = APP_URL, Host = the address the proxy uses: allowed by experimental.serverActions.allowedOrigins.
    expect(await rawPost('/forgot-password', { host: `127.0.0.1:${port}`, origin: APP, 'next-action': ACTION })).toBe('action not found');
    // Next.js still compares Origin with X-Forwarded-Host itself: the second line of defence.
    expect(await rawPost('/forgot-password', { host: `127.0.0.1:${port}`, 'x-forwarded-host': 'elsewhere.example', origin: `http://127.0.0.1:${port}`, 'next-action': ACTION })).toBe('500');
    expect(await rawPost('/forgot-password', { host: `127.0.0.1:${port}`, origin: EVIL, 'next-action': ACTION })).toBe('403');
  });
});
