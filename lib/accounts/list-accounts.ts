import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts, users, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { accountScope } from './scope';
import { containsPattern } from '@/lib/tables/search-params';

export interface AccountSummary {
  id: string;
  name: string;
  status: Account['status'];
  country: string;
  userCount: number;
}

/** The accounts of the partner dashboard, in scope, by name. */
export async function listAccountsInScope(q: DbOrTx, actor: Actor, limit = 50): Promise<AccountSummary[]> {
  return q
    .select({
      id: accounts.id,
      name: accounts.name,
      status: accounts.status,
      country: accounts.country,
      // Qualified by hand: inside the sub-select an unqualified "id" would be the user's.
      userCount: sql<number>`(select count(*)::int from "users" u where u."account_id" = "accounts"."id")`,
    })
    .from(accounts)
    .where(accountScope(actor))
    .orderBy(asc(sql`lower(${accounts.name})`))
    .limit(limit);
}

export async function countAccountsInScope(q: DbOrTx, actor: Actor): Promise<{ total: number; active: number }> {
  const [row] = await q
    .select({ total: count(), active: sql<number>`count(*) filter (where ${accounts.status} = 'active')::int` })
    .from(accounts)
    .where(accountScope(actor));
  return { total: row?.total ?? 0, active: row?.active ?? 0 };
}

export async function countUsersOfAccount(q: DbOrTx, accountId: string): Promise<{ total: number; registered: number; admins: number }> {
  const [row] = await q
    .select({
      total: count(),
      registered: sql<number>`count(${users.registeredAt})::int`,
      admins: sql<number>`count(*) filter (where ${users.roleId} <> (select id from roles where key = 'user'))::int`,
    })
    .from(users)
    .where(eq(users.accountId, accountId));
  return { total: row?.total ?? 0, registered: row?.registered ?? 0, admins: row?.admins ?? 0 };
}

/** SHELL-3: the header's account search (partners jump between their customer accounts). */
export async function searchAccountsInScope(q: DbOrTx, actor: Actor, query: string, limit = 10): Promise<{ id: string; name: string }[]> {
  if (actor.kind !== 'partner') return [];
  const pattern = containsPattern(query.trim().slice(0, 100).toLowerCase());
  return q
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(and(accountScope(actor), sql`lower(${accounts.name}) like ${pattern}`))
    .orderBy(asc(sql`lower(${accounts.name})`))
    .limit(limit);
}
