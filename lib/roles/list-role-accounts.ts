import 'server-only';
import { and, asc, count, desc, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts } from '@/db/schema';
import { accountScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { containsPattern, decodeCursor, type KeysetPage, keysetSlice } from '@/lib/tables/search-params';
import { RoleAccountsParams } from './schemas';
import { getVisibleRole } from './scope';

export interface RoleAccountRow {
  id: string;
  name: string;
  status: 'active' | 'deactivated' | 'deleting';
  assigned: boolean;
  /** Users of the account holding the role: unassigning is refused while there are any. */
  holders: number;
}

/**
 * ROLE-4, the role page's Accounts tab: one page of the accounts in the actor's scope (an account
 * manager sees only its own) by name, with whether the role is assigned, keyset-paged.
 */
export async function listRoleAccounts(q: DbOrTx, actor: Actor, roleId: string, rawParams: unknown): Promise<KeysetPage<RoleAccountRow> & { params: RoleAccountsParams }> {
  authorize(actor, 'roles', 'view');
  const params = RoleAccountsParams.parse(rawParams ?? {});
  const role = await getVisibleRole(q, actor, roleId);
  if (role.key !== null || role.baseRole !== 'admin') throw new NotFoundError();

  const assigned = sql<boolean>`exists (select 1 from "role_accounts" ra where ra."role_id" = ${role.id}::uuid and ra."account_id" = "accounts"."id")`;
  const filters: SQL[] = [accountScope(actor), sql`${accounts.partnerOrgId} = ${role.partnerOrgId}::uuid`];
  if (params.filter === 'assigned') filters.push(assigned);
  if (params.filter === 'notAssigned') filters.push(sql`not ${assigned}`);
  if (params.q) filters.push(sql`lower(${accounts.name}) like ${containsPattern(params.q.toLowerCase())}`);
  const where = and(...filters)!;
  const key = sql`lower(${accounts.name})`;
  const after = afterCursor(params, key);
  const order = params.dir === 'asc' ? asc : desc;

  const [rows, [total]] = await Promise.all([
    q
      .select({
        id: accounts.id,
        name: accounts.name,
        status: accounts.status,
        assigned,
        holders: sql<number>`(select count(*)::int from "users" u where u."account_id" = "accounts"."id" and u."role_id" = ${role.id}::uuid)`,
        sortKey: sql<string>`${key}`,
      })
      .from(accounts)
      .where(after ? and(where, after) : where)
      .orderBy(order(key), order(accounts.id))
      .limit(params.size + 1),
    q.select({ n: count() }).from(accounts).where(where),
  ]);
  const { rows: page, nextCursor } = keysetSlice(rows, params.size, (r) => [r.sortKey, r.id]);
  return {
    params,
    rows: page.map(({ sortKey: _sortKey, ...row }) => row),
    nextCursor,
    total: total?.n ?? 0,
  };
}

function afterCursor(params: RoleAccountsParams, key: SQL): SQL | null {
  const decoded = decodeCursor(params.cursor);
  if (!decoded || decoded.length !== 2) return null;
  const [value, id] = decoded;
  // A tampered cursor starts the list from the top instead of failing the page.
  if (typeof value !== 'string' || !isUuid(id)) return null;
  return params.dir === 'asc' ? sql`(${key}, ${accounts.id}) > (${value}, ${id}::uuid)` : sql`(${key}, ${accounts.id}) < (${value}, ${id}::uuid)`;
}
