import 'server-only';
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts, roles, users } from '@/db/schema';
import { accountScope } from '@/lib/accounts/scope';
import { canManageAccountManagers } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';

/** An actor that passed `assertCanManage`: an unrestricted partner admin of an organisation. */
export type ManagingActor = Actor & { userId: string; partnerOrgId: string };

/**
 * MGR-1: only an unrestricted partner admin with Roles "Assign" manages account managers. Account
 * users, account managers and partners without the box are refused, whatever they call.
 */
export function assertCanManage(actor: Actor): asserts actor is ManagingActor {
  if (!canManageAccountManagers(actor) || !actor.userId || !actor.partnerOrgId || actor.accountId !== null) throw new ForbiddenError();
}

/**
 * The partner admins of the actor's organisation (users without a customer account whose role
 * derives from `partner`), as a WHERE condition: account users and other partners' users are
 * outside it and look absent.
 */
export function partnerAdminsOf(actor: ManagingActor): SQL {
  return and(
    eq(users.partnerOrgId, actor.partnerOrgId),
    isNull(users.accountId),
    sql`${users.roleId} in (select ${roles.id} from ${roles} where ${roles.baseRole} = 'partner')`,
  )!;
}

/**
 * The request's check of the selected admins: none is the signed-in admin itself (MGR-1), each is
 * a partner admin of the organisation (else NotFound), and each is in the state the operation
 * starts from: admins to convert, account managers for everything else.
 */
export async function checkManagers(q: DbOrTx, actor: ManagingActor, ids: readonly string[], expectManager: boolean): Promise<void> {
  if (ids.includes(actor.userId)) throw new ForbiddenError('errors.managers.self');
  const rows = await q
    .select({ id: users.id, isAccountManager: users.isAccountManager })
    .from(users)
    .where(and(inArray(users.id, [...ids]), partnerAdminsOf(actor)));
  if (rows.length !== ids.length) throw new NotFoundError();
  if (rows.some((r) => r.isAccountManager !== expectManager)) {
    throw new ConflictError(expectManager ? 'errors.managers.notManagers' : 'errors.managers.alreadyManagers');
  }
}

/** Each selected account belongs to the organisation and is not being deleted, else NotFound. */
export async function checkAccounts(q: DbOrTx, actor: ManagingActor, ids: readonly string[]): Promise<void> {
  const rows = await q
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(inArray(accounts.id, [...ids]), accountScope(actor)));
  if (rows.length !== ids.length) throw new NotFoundError();
}

/** Sorted and de-duplicated, so a job's units have one order on every attempt. */
export function uniqueSorted(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].sort();
}
