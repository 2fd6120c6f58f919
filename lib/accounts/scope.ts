import 'server-only';
import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';

/**
 * The accounts an actor may reach, as a WHERE condition (§0 tenancy): a partner admin its
 * organisation's accounts, an account manager only those assigned to it, anyone else only its own.
 * An account whose deletion is under way is out of everyone's reach.
 */
export function accountScope(actor: Actor): SQL {
  return and(ne(accounts.status, 'deleting'), reach(actor))!;
}

function reach(actor: Actor): SQL {
  if (actor.kind === 'system' && !actor.partnerOrgId && !actor.accountId) return sql`true`;
  if (actor.kind === 'partner' || (actor.kind === 'system' && !actor.accountId)) {
    const org = eq(accounts.partnerOrgId, actor.partnerOrgId ?? '00000000-0000-0000-0000-000000000000');
    if (actor.managedAccountIds === null) return org;
    return actor.managedAccountIds.length ? and(org, inArray(accounts.id, [...actor.managedAccountIds]))! : sql`false`;
  }
  return actor.accountId ? eq(accounts.id, actor.accountId) : sql`false`;
}

/** Fetches an account the actor may reach, or throws NotFound: another tenant's id looks absent. */
export async function getAccountInScope(q: DbOrTx, actor: Actor, accountId: string): Promise<Account> {
  if (!isUuid(accountId)) throw new NotFoundError();
  const [account] = await q
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, accountId), accountScope(actor)))
    .limit(1);
  if (!account) throw new NotFoundError();
  return account;
}
