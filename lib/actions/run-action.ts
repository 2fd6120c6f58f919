import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import type { Ctx } from '@/lib/db/transaction';
import { noteDatabaseError } from '@/lib/db/health-probe';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { ConflictError, DomainError, UnauthenticatedError, UnavailableError, ValidationError, type FieldErrors } from '@/lib/errors';
import type { SignedInUser } from '@/lib/auth/load-actor';

/**
 * A failure carries every field error and a form error (i18n keys), the values the form error's
 * message needs (`formParams`, e.g. "3 users hold this role"), and the HTTP-like status of the
 * refusal (400 invalid, 401 signed out, 403 forbidden, 404 not found or out of scope, 409 conflict).
 */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: FieldErrors; formError: string | null; formParams?: Record<string, string | number>; status: number };

/**
 * The one mapping of command errors to form results: every field error (as i18n keys), a form
 * error for the rest, nothing internal leaked. Next's redirects and notFound pass through.
 */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (thrown) {
    unstable_rethrow(thrown);
    noteDatabaseError(thrown);
    const e = isDatabaseUnavailable(thrown) ? new UnavailableError() : thrown;
    if (e instanceof DomainError) {
      const fieldErrors = e instanceof ValidationError || e instanceof ConflictError ? e.fieldErrors : {};
      const formError = e.messageKey === 'errors.validation' ? null : e.messageKey;
      const formParams = Object.keys(e.params).length ? { formParams: e.params } : {};
      return { ok: false, fieldErrors, formError, ...formParams, status: e.status };
    }
    console.error('[action]', e);
    return { ok: false, fieldErrors: {}, formError: 'errors.unexpected', status: 500 };
  }
}

/** Runs a command as the signed-in user; signed-out callers get `errors.unauthenticated`. */
export function runAsUser<T>(fn: (ctx: Ctx, user: SignedInUser) => Promise<T>): Promise<ActionResult<T>> {
  return runAction(async () => {
    const user = await currentUser();
    if (!user) throw new UnauthenticatedError();
    return fn({ actor: user.actor }, user);
  });
}
