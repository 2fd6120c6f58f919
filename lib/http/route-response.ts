import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { currentLocale, currentUser } from '@/lib/auth/session';
import type { SignedInUser } from '@/lib/auth/load-actor';
import { noteDatabaseError } from '@/lib/db/health-probe';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { env } from '@/lib/env';
import { DomainError, UnauthenticatedError } from '@/lib/errors';
import { checkRequestOrigin } from '@/lib/http/origin-check';
import { translator } from '@/lib/i18n/translator';

/**
 * The one mapping of command errors to route-handler responses: the error's HTTP status and its
 * message in the caller's language, `{ error: key, message }`. Nothing internal leaks; an
 * unexpected error is logged and answered with a generic 500.
 */
export async function errorResponse(error: unknown): Promise<Response> {
  unstable_rethrow(error);
  noteDatabaseError(error);
  const t = translator(await currentLocale());
  if (isDatabaseUnavailable(error)) {
    return Response.json({ error: 'errors.unavailable', message: t('errors.unavailable') }, { status: 503, headers: { 'Retry-After': '5' } });
  }
  if (error instanceof DomainError) {
    return Response.json({ error: error.messageKey, message: t(error.messageKey, error.params) }, { status: error.status });
  }
  console.error('[route]', error);
  return Response.json({ error: 'errors.unexpected', message: t('errors.unexpected') }, { status: 500 });
}

/**
 * Runs a route handler as the signed-in user. A state-changing request must come from the portal
 * itself (lib/http/origin-check, the rule proxy.ts applies too): checked here again because the
 * upload route is outside the proxy.
 */
export async function asUser(request: Request, fn: (user: SignedInUser) => Promise<Response>): Promise<Response> {
  try {
    const e = env();
    if (!checkRequestOrigin(request, new URL(request.url).pathname, { appUrl: e.APP_URL, trustProxy: e.TRUST_PROXY }).ok) {
      throw new DomainError('errors.forbidden', 403);
    }
    const user = await currentUser();
    if (!user) throw new UnauthenticatedError();
    return await fn(user);
  } catch (e) {
    return errorResponse(e);
  }
}

/** A download: the file name is sent both plain (ASCII) and RFC 5987-encoded. */
export function attachment(fileName: string, contentType: string): HeadersInit {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'no-store',
  };
}
