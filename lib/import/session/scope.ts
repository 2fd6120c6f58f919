import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userImports, type UserImport } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize, can } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';

/**
 * Fetches an import of an account in the actor's scope that the actor itself uploaded, or throws
 * NotFound. An import is the uploader's draft: another admin of the same account does not see it.
 * Importing needs Users "Add" (IMP-4); `lock` takes a row lock so commands on one import queue up.
 */
export async function getImportInScope(q: DbOrTx, actor: Actor, ref: { accountId: string; importId: string }, lock = false): Promise<UserImport> {
  authorize(actor, 'users', 'add');
  if (!isUuid(ref.importId) || !actor.userId) throw new NotFoundError();
  const account = await getAccountInScope(q, actor, ref.accountId);
  const query = q
    .select()
    .from(userImports)
    .where(and(eq(userImports.id, ref.importId), eq(userImports.accountId, account.id), eq(userImports.createdBy, actor.userId)))
    .limit(1);
  const [found] = lock ? await query.for('update') : await query;
  if (!found) throw new NotFoundError();
  return found;
}

/**
 * For the import jobs, which act for the uploader later: may this actor (rebuilt from the user
 * now) still import into the account? A lost permission or scope is false; a database error throws.
 */
export async function mayImportInto(q: DbOrTx, actor: Actor | null, accountId: string): Promise<boolean> {
  if (!actor || !can(actor, 'users', 'add')) return false;
  try {
    await getAccountInScope(q, actor, accountId);
    return true;
  } catch (e) {
    if (e instanceof NotFoundError) return false;
    throw e;
  }
}
