/**
 * Cross-site request forgery guard for every state-changing request (README "Security"): one rule,
 * applied by proxy.ts to the paths it runs for (pages and their server actions, next-auth's
 * POSTs, most route handlers) and by asUser() in lib/http/route-response.ts to the upload route
 * the proxy skips. Pure, so the rule is tested as a table (tests/unit/http/origin-check.test.ts).
 *
 * The session cookie is SameSite=Lax, which already keeps it off most cross-site POSTs; this also
 * covers attackers on the same site (another app on a sibling subdomain), browsers without
 * SameSite, and answers a clear 403 where Next's own server-action check would answer a 500.
 */

/** Paths not authenticated by the session cookie, so a forged browser request gains nothing. */
export const ORIGIN_CHECK_EXEMPT: readonly RegExp[] = [
  // The billing system's API: an API key in the Authorization header, sent by a server.
  /^\/api\/billing\//,
  // SAML assertion consumer: the customer's IdP posts here from its own origin (SSO-2); the signed
  // assertion, not a cookie, is what it is trusted for.
  /^\/api\/sso\/[^/]+\/acs$/,
  // Microsoft Graph's change and lifecycle notifications (TEAMS-4): a server posting with no Origin,
  // trusted only for what the subscription id and its clientState prove.
  /^\/api\/graph\/(notifications|lifecycle)$/,
];

/** Methods that change nothing (and CORS preflights): never checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type OriginCheckInput = {
  method: string;
  pathname: string;
  origin: string | null;
  referer: string | null;
  host: string | null;
  forwardedHost: string | null;
  /** APP_URL: where the portal is published. */
  appUrl: string;
  /** TRUST_PROXY: X-Forwarded-Host comes from the operator's proxy. */
  trustProxy: boolean;
};

export type OriginVerdict = { ok: true } | { ok: false; reason: 'foreign' | 'opaque' | 'missing' };

function originOf(url: string): URL | null {
  try {
    return new URL(new URL(url).origin);
  } catch {
    return null;
  }
}

/**
 * Whether a request may proceed. A state-changing request to a cookie-authenticated path must say
 * where it comes from — Origin, or else Referer — and that must be the portal itself: APP_URL's
 * origin, or the host the request was sent to (so http://localhost:3000 works when APP_URL names
 * the public address). Browsers send Origin on every POST, same-origin ones included; a request
 * with neither header is a script (curl), which has no business replaying a browser's cookie.
 * "Origin: null" (sandboxed frames, cross-site redirects) is refused.
 */
export function checkOrigin(input: OriginCheckInput): OriginVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  if (ORIGIN_CHECK_EXEMPT.some((re) => re.test(input.pathname))) return { ok: true };
  if (input.origin === 'null') return { ok: false, reason: 'opaque' };
  const claimed = input.origin ?? input.referer;
  if (!claimed) return { ok: false, reason: 'missing' };
  const source = originOf(claimed);
  if (!source) return { ok: false, reason: 'foreign' };
  const app = originOf(input.appUrl);
  if (app && source.origin === app.origin) return { ok: true };
  // The request's own host, compared without the scheme as Next does for server actions: behind
  // a TLS proxy the portal sees http while the browser's Origin says https.
  const forwarded = input.trustProxy ? input.forwardedHost?.split(',')[0]?.trim() : undefined;
  const own = [input.host, forwarded].filter((h): h is string => Boolean(h)).map((h) => h.toLowerCase());
  return own.includes(source.host) ? { ok: true } : { ok: false, reason: 'foreign' };
}

/** checkOrigin for a Fetch API request (proxy.ts passes its NextRequest, asUser the handler's Request). */
export function checkRequestOrigin(request: Request, pathname: string, config: { appUrl: string; trustProxy: boolean }): OriginVerdict {
  const h = request.headers;
  return checkOrigin({
    method: request.method,
    pathname,
    origin: h.get('origin'),
    referer: h.get('referer'),
    host: h.get('host'),
    forwardedHost: h.get('x-forwarded-host'),
    ...config,
  });
}
