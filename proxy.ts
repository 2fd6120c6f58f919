import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { databaseDown } from '@/lib/db/health';
import { unavailableResponse } from '@/lib/http/unavailable-page';

/**
 * Pages anyone may open; everything else needs a session (default deny). /api/billing/ is the
 * billing system's API: its handlers authenticate an API key instead of a session. /api/health
 * answers load balancers and the error page (up or down, nothing else).
 */
const PUBLIC = [/^\/sign-in$/, /^\/forgot-password$/, /^\/welcome\/[^/]+$/, /^\/reset-password\/[^/]+$/, /^\/support$/, /^\/legal$/, /^\/api\/auth\//, /^\/api\/billing\//, /^\/api\/health$/];

/**
 * Only sends signed-out visitors to the sign-in page. Authorisation happens again in every page,
 * action and command; a token here is not trusted for anything else.
 */
export async function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  // While the database is unreachable, pages say "reconnecting" (503) rather than fail to render.
  if (databaseDown() && (req.method === 'GET' || req.method === 'HEAD') && !pathname.startsWith('/api/')) return unavailableResponse(req.headers);
  if (PUBLIC.some((re) => re.test(pathname))) return NextResponse.next();
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  if (token?.uid) return NextResponse.next();
  if (pathname.startsWith('/api/')) return NextResponse.json({ error: 'unauthenticated' }, { status: 401 });
  const url = req.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = '';
  return NextResponse.redirect(url);
}

/*
 * /api/upload/ is not matched: the proxy would buffer upload bodies in memory (and cut them at
 * its size limit). Those route handlers check the session themselves (lib/http/route-response).
 */
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|api/upload/).*)'],
};
