import type { NextConfig } from 'next';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import { describe, expect, it } from 'vitest';
import { config as proxyConfig } from '@/proxy';
import { EVERY_RESPONSE_HEADERS, STATIC_CONTENT_SECURITY_POLICY } from '@/lib/http/security-headers';

/*
 * The static headers live in next.config.mjs (written into the build), the request-time ones in
 * proxy.ts. These tests keep them in step: every path gets exactly one Content-Security-Policy,
 * from the proxy where it runs and from next.config.mjs where it does not.
 */

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

async function headerRules(): Promise<HeaderRule[]> {
  // A computed specifier: next.config.mjs is JavaScript, outside the typed program.
  const file = '../../../next.config.mjs';
  const nextConfig = ((await import(/* @vite-ignore */ file)) as { default: NextConfig }).default;
  return (await nextConfig.headers!()) as HeaderRule[];
}

/** The headers next.config.mjs sends for a pathname (Next.js matches `source` the same way). */
async function staticHeaders(pathname: string): Promise<Record<string, string>> {
  const rules = (await headerRules()).filter((rule) => getPathMatch(rule.source)(pathname) !== false);
  return Object.fromEntries(rules.flatMap((rule) => rule.headers.map((h) => [h.key, h.value])));
}

const proxied = (pathname: string) => proxyConfig.matcher.some((m) => getPathMatch(m)(pathname) !== false);

describe('static security headers (next.config.mjs) and the proxy', () => {
  it.each([
    ['/sign-in', true],
    ['/dashboard', true],
    ['/accounts/4b7c/users/import', true],
    ['/api/auth/callback/credentials', true],
    ['/api/billing/orders', true],
    ['/api/accounts/4b7c/users/import-template', true],
    ['/favicon.svg', true],
    ['/_next/static/chunks/main-app.js', false],
    ['/_next/static/css/app.css', false],
    ['/_next/image', false],
    ['/favicon.ico', false],
    ['/robots.txt', false],
    ['/api/upload/user-imports/4b7c', false],
    ['/api/gateway/v1/events', false],
  ])('%s: proxied %s, and one Content-Security-Policy either way', async (pathname, expected) => {
    expect(proxied(pathname)).toBe(expected);
    const headers = await staticHeaders(pathname);
    expect(headers).toMatchObject(EVERY_RESPONSE_HEADERS);
    if (expected) {
      // The proxy's policy carries the nonce; a second, static one would block every script.
      expect(headers).not.toHaveProperty('Content-Security-Policy');
      expect(headers).not.toHaveProperty('X-Frame-Options');
    } else {
      expect(headers).toMatchObject({ 'Content-Security-Policy': STATIC_CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' });
    }
  });

  it("allows server actions from APP_URL's host, for a proxy that rewrites Host", async () => {
    const file = '../../../next.config.mjs';
    const nextConfig = ((await import(/* @vite-ignore */ file)) as { default: NextConfig }).default;
    expect(nextConfig.experimental?.serverActions?.allowedOrigins).toEqual([new URL(process.env.APP_URL || 'http://localhost:3000').host]);
  });
});
