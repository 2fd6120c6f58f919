import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { databaseDown } from '@/lib/db/health';
import { env } from '@/lib/env';
import { checkRequestOrigin } from '@/lib/http/origin-check';
import { generateNonce, isHttpsRequest, securityHeaders } from '@/lib/http/security-headers';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/config';
import { unavailableResponse } from '@/lib/http/unavailable-page';
import { translator } from '@/lib/i18n/translator';

/**
 * Pages anyone may open; everything else needs a session (default deny). /api/billing/ is the
 * billing system's API: its handlers authenticate an API key instead of a session. /api/health
 * answers load balancers and the error page (up or down, nothing else). /api/sso/ is SAML (signed
 * assertions, SSO-2), which authenticates itself. /api/o365/consent is Microsoft's redirect after
 * an Office 365 admin consent (O365-1): the admin need not have an account here, and its
 * single-use state, not a session, names the account. /api/graph/ is Microsoft Graph's change and
 * lifecycle notifications (authenticated by subscription and clientState) and a presence
 * monitor's sign-in redirect (single-use state) (TEAMS-4).
 */
const PUBLIC = [/^\/sign-in$/, /^\/forgot-password$/, /^\/welcome\/[^/]+$/, /^\/reset-password\/[^/]+$/, /^\/support$/, /^\/legal$/, /^\/api\/auth\//, /^\/api\/billing\//, /^\/api\/health$/, /^\/api\/sso\//, /^\/sso\/(complete|refused|test-result)$/, /^\/api\/o365\/consent$/, /^\/o365\/consent-result$/, /^\/api\/graph\/(notifications|lifecycle|monitor-auth)$/, /^\/teams\/monitor-result$/];

/**
 * Four jobs, in this order, for every request it runs for:
 * 1. refuse a state-changing request from another site (lib/http/origin-check);
 * 2. while this process cannot reach its database (lib/db/health), answer page requests with
 *    the "reconnecting" page;
 * 3. send signed-out visitors to the sign-in page. Authorisation happens again in every page,
 *    action and command; a token here is not trusted for anything else;
 * 4. put the security headers on the response, whichever of the above answered: a fresh CSP
 *    nonce per request, also set on the request's headers, where Next.js reads it to mark its
 *    own scripts (every page renders per request: the root layout awaits connection()).
 */
export async function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  const e = env();
  const nonce = generateNonce();
  const security = securityHeaders({
    nonce,
    pathname,
    dev: process.env.NODE_ENV === 'development',
    https: isHttpsRequest({ appUrl: e.APP_URL, trustProxy: e.TRUST_PROXY, forwardedProto: req.headers.get('x-forwarded-proto') }),
  });
  const secured = <R extends Response>(res: R): R => {
    for (const [name, value] of Object.entries(security)) res.headers.set(name, value);
    return res;
  };
  const pass = () => {
    const headers = new Headers(req.headers);
    headers.set('Content-Security-Policy', security['Content-Security-Policy']!);
    return secured(NextResponse.next({ request: { headers } }));
  };

  if (!checkRequestOrigin(req, pathname, { appUrl: e.APP_URL, trustProxy: e.TRUST_PROXY }).ok) {
    // Before the session is looked at: a forged request learns nothing about it.
    const t = translator(resolveLocale({ cookie: req.cookies.get(LOCALE_COOKIE)?.value, acceptLanguage: req.headers.get('accept-language') }));
    return secured(NextResponse.json({ error: 'errors.forbidden', message: t('errors.forbidden') }, { status: 403 }));
  }
  // While the database is unreachable, pages say "reconnecting" (503) rather than fail to render.
  if (databaseDown() && (req.method === 'GET' || req.method === 'HEAD') && !pathname.startsWith('/api/')) return secured(unavailableResponse(req.headers, nonce));
  if (PUBLIC.some((re) => re.test(pathname))) return pass();
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  if (token?.uid) return pass();
  if (pathname.startsWith('/api/')) return secured(NextResponse.json({ error: 'unauthenticated' }, { status: 401 }));
  const url = req.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = '';
  return secured(NextResponse.redirect(url));
}

/*
 * /scim/ (SCIM 2.0 clients with bearer tokens, lib/provisioning/scim-router.ts) is not matched either.
 * /api/upload/ is not matched: the proxy would buffer upload bodies in memory (and cut them at
 * its size limit). Those route handlers check the session and the Origin themselves
 * (lib/http/route-response), and next.config.mjs gives them, like the static files skipped here,
 * fixed security headers.
 */
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|api/upload/|api/gateway/|scim/).*)'],
};
