import 'server-only';
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { roles, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { containsPattern, decodeCursor, type KeysetPage, keysetSlice } from '@/lib/tables/search-params';
import { isUuid } from '@/lib/ids';
import { ListAdminsParams } from './schemas';
import { assertCanManage, partnerAdminsOf } from './scope';

export interface PartnerAdminRow {
  id: string;
  displayName: string;
  email: string;
  roleId: string;
  roleKey: string | null;
  roleName: string;
  /** Accounts assigned to an account manager (not counting accounts being deleted). */
  assignedCount: number;
  /** The signed-in admin: listed, but it cannot change its own access (MGR-1). */
  isSelf: boolean;
}

const NAME_KEY = sql<string>`lower(${users.displayName})`;

/**
 * MGR-1: one page of the organisation's partner admins for a tab (account managers or admins),
 * by name, keyset-paged, with the number of each tab for its label.
 */
export async function listPartnerAdmins(
  q: DbOrTx,
  actor: Actor,
  rawParams: unknown,
): Promise<KeysetPage<PartnerAdminRow> & { params: ListAdminsParams; counts: { managers: number; admins: number } }> {
  assertCanManage(actor);
  const params = ListAdminsParams.parse(rawParams ?? {});
  const term = params.q.toLowerCase();
  const search = term ? sql`${users.searchText} like ${containsPattern(term)}` : undefined;
  const inTab = and(partnerAdminsOf(actor), eq(users.isAccountManager, params.tab === 'managers'), search);

  const [page, tabCounts] = await Promise.all([
    q
      .select({
        id: users.id,
        displayName: users.displayName,
        email: users.email,
        roleId: users.roleId,
        roleKey: roles.key,
        roleName: roles.name,
        nameKey: NAME_KEY,
        // Qualified by hand: inside the sub-select an unqualified "id" would be the assignment's.
        assignedCount: sql<number>`(select count(*)::int from account_manager_assignments a join accounts ac on ac.id = a.account_id
          where a.user_id = "users"."id" and ac.status <> 'deleting')`,
      })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(and(inTab, afterCursor(params.cursor)))
      .orderBy(asc(NAME_KEY), asc(users.id))
      .limit(params.size + 1),
    q
      .select({ isManager: users.isAccountManager, n: count() })
      .from(users)
      .where(and(partnerAdminsOf(actor), search))
      .groupBy(users.isAccountManager),
  ]);
  const { rows, nextCursor } = keysetSlice(page, params.size, (r) => [r.nameKey, r.id]);
  const counts = { managers: tabCounts.find((c) => c.isManager)?.n ?? 0, admins: tabCounts.find((c) => !c.isManager)?.n ?? 0 };
  return {
    params,
    rows: rows.map(({ nameKey: _k, ...r }) => ({ ...r, isSelf: r.id === actor.userId })),
    nextCursor,
    total: params.tab === 'managers' ? counts.managers : counts.admins,
    counts,
  };
}

function afterCursor(cursor: string | undefined): SQL | undefined {
  const values = decodeCursor(cursor);
  if (!values || values.length !== 2) return undefined;
  const [key, id] = values;
  if (typeof key !== 'string' || typeof id !== 'string' || !isUuid(id)) return undefined;
  return sql`(${NAME_KEY}, ${users.id}) > (${key}, ${id}::uuid)`;
}
