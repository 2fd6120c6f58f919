import 'server-only';
import { notFound } from 'next/navigation';
import { ForbiddenError, NotFoundError } from '@/lib/errors';

/**
 * For pages: what the read returns, or Next's 404 page when the actor may not see it. Forbidden
 * is a 404 too, so a page never tells an outsider that something exists.
 */
export function orNotFound<T>(read: Promise<T>): Promise<T> {
  return read.catch((e: unknown) => {
    if (e instanceof NotFoundError || e instanceof ForbiddenError) notFound();
    throw e;
  });
}
