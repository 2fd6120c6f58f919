/**
 * The security headers of the portal's responses (README "Security"), built in one place.
 * Pure and free of `server-only` and of the environment: proxy.ts passes in what it knows about
 * the request, the unit tests call it directly.
 *
 * Two layers, so that EVERY response carries them:
 * - next.config.mjs `headers()` sends the nonce-free ones (EVERY_RESPONSE_HEADERS) on every path,
 *   and STATIC_CONTENT_SECURITY_POLICY + X-Frame-Options on the paths proxy.ts does not run for
 *   (static files, /api/upload/). Those values are baked in at build time, so they must not
 *   depend on the request or the environment. tests/unit/http/next-config-headers.test.ts keeps
 *   the two files in step.
 * - proxy.ts sends securityHeaders(): the Content-Security-Policy with this request's nonce,
 *   X-Frame-Options and, over https, Strict-Transport-Security.
 */

/** Another site allowed to show some of the portal's pages in a frame. */
export type FrameAncestorException = {
  /** Pathnames this exception applies to. */
  readonly path: RegExp;
  /** CSP source expressions, e.g. 'https://teams.microsoft.com'. */
  readonly ancestors: readonly string[];
};

/**
 * THE one place where a page may be framed by another site; empty today, so every page has
 * `frame-ancestors 'none'`. The Assistant pages (the Teams tab) will add their paths and Teams'
 * origins here. Only pages the proxy runs for can be listed: the static fallback in
 * next.config.mjs always denies framing.
 */
export const FRAME_ANCESTOR_EXCEPTIONS: readonly FrameAncestorException[] = [];

/** Two years, subdomains included: the usual value for HSTS preload lists. */
export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';

/** Sent on every response, by next.config.mjs (identical values; nothing request-specific). */
export const EVERY_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // The stricter of the two usual values: no address of a portal page (ids, tokens in welcome
  // links) leaves the portal, not even its origin.
  'Referrer-Policy': 'same-origin',
};

/**
 * For responses the proxy does not see (scripts, styles, images, the upload route's JSON): no
 * document of ours is ever served there, so nothing may load, run or frame it. A script or style
 * file's own CSP does not affect the page that loads it.
 */
export const STATIC_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A fresh nonce: 128 random bits, base64 (the characters Next.js accepts in 'nonce-…'). */
export function generateNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The frame-ancestors sources of one pathname: 'none' unless an exception names it. */
export function frameAncestors(pathname: string, exceptions: readonly FrameAncestorException[] = FRAME_ANCESTOR_EXCEPTIONS): readonly string[] {
  const allowed = exceptions.filter((e) => e.path.test(pathname)).flatMap((e) => e.ancestors);
  return allowed.length > 0 ? [...new Set(allowed)] : ["'none'"];
}

export type PolicyInput = {
  nonce: string;
  pathname: string;
  /** `next dev`: React needs eval for its debugging aids, and dev styles are injected without a nonce. */
  dev: boolean;
  /** The request reached the portal over https (see isHttpsRequest): adds HSTS. */
  https: boolean;
  exceptions?: readonly FrameAncestorException[];
};

/**
 * The Content-Security-Policy of a page. Next.js reads the nonce from the request's copy of this
 * header and puts it on its own <script> and <style> tags; 'strict-dynamic' then lets those scripts
 * load the app's chunks, and nothing else runs (no inline handlers, no injected <script>).
 *
 * Styles: <style> elements need the nonce too (Next adds it; an injected <style> could read the
 * page with attribute selectors). Inline style ATTRIBUTES stay allowed (`style-src-attr`): React
 * `style` props and libraries set them, and they can neither run code nor select other elements;
 * any url() in them is still limited by img-src / font-src.
 */
export function contentSecurityPolicy({ nonce, pathname, dev, exceptions }: PolicyInput): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", dev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    // Partner sign-in leaves for the identity provider by a fetch and a navigation
    // (next-auth's signIn()), not a form post, so no other form target is needed.
    ['form-action', "'self'"],
    ['frame-ancestors', ...frameAncestors(pathname, exceptions)],
    ['base-uri', "'self'"],
    ['object-src', "'none'"],
  ];
  // No upgrade-insecure-requests: every URL of the portal is relative, so an https page loads
  // over https anyway, and on a portal also reached over plain http it would break every page.
  return directives.map((d) => d.join(' ')).join('; ');
}

export type ForwardingInput = {
  /** APP_URL: the operator saying where the portal is published. */
  appUrl: string;
  /** TRUST_PROXY: forwarded headers are set by the operator's reverse proxy, not by clients. */
  trustProxy: boolean;
  /** The request's X-Forwarded-Proto, if any. */
  forwardedProto: string | null;
};

/**
 * Whether the browser reached the portal over https. `next start` itself only speaks plain http,
 * so https always means a TLS-terminating proxy in front: its X-Forwarded-Proto counts when
 * TRUST_PROXY is on (the first value, the client-facing hop); otherwise APP_URL's scheme decides,
 * because anyone can send that header to a portal without a proxy.
 */
export function isHttpsRequest({ appUrl, trustProxy, forwardedProto }: ForwardingInput): boolean {
  const forwarded = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  if (trustProxy && forwarded) return forwarded === 'https';
  return appUrl.toLowerCase().startsWith('https:');
}

/** The headers proxy.ts adds to every response it sees (and the request's copy of the CSP). */
export function securityHeaders(input: PolicyInput): Record<string, string> {
  const policy = contentSecurityPolicy(input);
  const headers: Record<string, string> = { 'Content-Security-Policy': policy };
  // For browsers without frame-ancestors; omitted on a page that may be framed, since DENY would win there.
  if (frameAncestors(input.pathname, input.exceptions)[0] === "'none'") headers['X-Frame-Options'] = 'DENY';
  // Never over plain http: a browser that saw it on http://localhost would refuse that host's http.
  if (input.https) headers['Strict-Transport-Security'] = HSTS_VALUE;
  return headers;
}
