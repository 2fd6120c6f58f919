import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import type { Ctx } from '@/lib/db/transaction';
import { ConflictError, DomainError, UnauthenticatedError, ValidationError, type FieldErrors } from '@/lib/errors';
import type { SignedInUser } from '@/lib/auth/load-actor';

export type ActionResult<T = null> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; formError: string | null };

/**
 * The one mapping of command errors to form results: every field error (as i18n keys), a form
 * error for the rest, nothing internal leaked. Next's redirects and notFound pass through.
 */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof ValidationError || e instanceof ConflictError) {
      const formError = e.messageKey === 'errors.validation' ? null : e.messageKey;
      return { ok: false, fieldErrors: e.fieldErrors, formError };
    }
    if (e instanceof DomainError) return { ok: false, fieldErrors: {}, formError: e.messageKey };
    console.error('[action]', e);
    return { ok: false, fieldErrors: {}, formError: 'errors.unexpected' };
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
