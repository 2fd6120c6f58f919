import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  frameAncestors,
  generateNonce,
  HSTS_VALUE,
  isHttpsRequest,
  securityHeaders,
  type FrameAncestorException,
} from '@/lib/http/security-headers';

/** The policy as directive → sources, so assertions do not depend on the order. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

const teams: FrameAncestorException[] = [{ path: /^\/assistant(\/|$)/, ancestors: ['https://teams.microsoft.com', 'https://*.teams.microsoft.com'] }];

describe('contentSecurityPolicy', () => {
  it('is the documented production policy, with the nonce for scripts and <style> elements', () => {
    expect(contentSecurityPolicy({ nonce: 'abc123==', pathname: '/dashboard', dev: false, https: false })).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc123==' 'strict-dynamic'; style-src 'self' 'nonce-abc123=='; style-src-attr 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    );
  });

  it("adds 'unsafe-eval' and inline styles only under next dev", () => {
    const dev = directives(contentSecurityPolicy({ nonce: 'n', pathname: '/', dev: true, https: false }));
    expect(dev['script-src']).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    const prod = contentSecurityPolicy({ nonce: 'n', pathname: '/', dev: false, https: true });
    expect(prod).not.toContain('unsafe-eval');
    expect(directives(prod)['style-src']).toEqual(["'self'", "'nonce-n'"]);
  });

  it('never allows plugins, foreign bases, foreign form targets or inline scripts', () => {
    const d = directives(contentSecurityPolicy({ nonce: 'n', pathname: '/sign-in', dev: false, https: true }));
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'self'"]);
    expect(d['form-action']).toEqual(["'self'"]);
    expect(d['script-src']).not.toContain("'unsafe-inline'");
    expect(Object.keys(d)).not.toContain('upgrade-insecure-requests');
  });

  it('frames nothing, unless an exception lists the path', () => {
    expect(frameAncestors('/assistant/chat')).toEqual(["'none'"]); // the real list is empty today
    expect(frameAncestors('/assistant/chat', teams)).toEqual(['https://teams.microsoft.com', 'https://*.teams.microsoft.com']);
    expect(frameAncestors('/assistants', teams)).toEqual(["'none'"]);
    const framed = directives(contentSecurityPolicy({ nonce: 'n', pathname: '/assistant', dev: false, https: false, exceptions: teams }));
    expect(framed['frame-ancestors']).toEqual(['https://teams.microsoft.com', 'https://*.teams.microsoft.com']);
  });
});

describe('isHttpsRequest (HSTS)', () => {
  it.each([
    // appUrl, trustProxy, X-Forwarded-Proto, https?
    ['http://localhost:3000', false, null, false],
    ['http://localhost:3000', false, 'https', false], // anyone can send the header without a proxy
    ['http://localhost:3000', true, 'https', true],
    ['http://localhost:3000', true, 'HTTPS, http', true], // the first hop is the browser's
    ['http://localhost:3000', true, 'http', false],
    ['http://localhost:3000', true, null, false],
    ['https://portal.example', false, null, true],
    ['https://portal.example', false, 'http', true],
    ['https://portal.example', true, 'http', false], // the trusted proxy says this request was plain http
    ['https://portal.example', true, null, true],
  ] as const)('APP_URL %s, TRUST_PROXY %s, X-Forwarded-Proto %s → %s', (appUrl, trustProxy, forwardedProto, https) => {
    expect(isHttpsRequest({ appUrl, trustProxy, forwardedProto })).toBe(https);
  });
});

describe('securityHeaders', () => {
  it('sends HSTS only over https, and X-Frame-Options where framing is denied', () => {
    expect(securityHeaders({ nonce: 'n', pathname: '/', dev: false, https: false })).toEqual({
      'Content-Security-Policy': contentSecurityPolicy({ nonce: 'n', pathname: '/', dev: false, https: false }),
      'X-Frame-Options': 'DENY',
    });
    expect(securityHeaders({ nonce: 'n', pathname: '/', dev: false, https: true })['Strict-Transport-Security']).toBe(HSTS_VALUE);
    expect(HSTS_VALUE).toBe('max-age=63072000; includeSubDomains');
    expect(securityHeaders({ nonce: 'n', pathname: '/assistant', dev: false, https: false, exceptions: teams })).not.toHaveProperty('X-Frame-Options');
  });
});

describe('generateNonce', () => {
  it('is 128 random bits in base64, the form Next.js reads from the policy, and never repeats', () => {
    const nonces = Array.from({ length: 200 }, generateNonce);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
