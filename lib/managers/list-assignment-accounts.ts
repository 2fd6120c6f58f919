import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accountManagerAssignments, accounts, users } from '@/db/schema';
import { accountScope } from '@/lib/accounts/scope';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { containsPattern, decodeCursor, type KeysetPage, keysetSlice } from '@/lib/tables/search-params';
import { AssignmentParams, parseManagerIds, type AssignmentView } from './schemas';
import { assertCanManage, partnerAdminsOf } from './scope';

export interface AssignmentManager {
  id: string;
  displayName: string;
  email: string;
}

export interface AssignmentAccountRow {
  id: string;
  name: string;
  country: string;
  /** How many of the selected managers have the account. */
  assignedTo: number;
}

export type AssignmentPage = KeysetPage<AssignmentAccountRow> & {
  params: AssignmentParams;
  view: AssignmentView;
  managers: AssignmentManager[];
  counts: Record<AssignmentView, number>;
};

const NAME_KEY = sql<string>`lower(${accounts.name})`;

/**
 * MGR-3: the organisation's accounts (not being deleted) as they relate to the selected account
 * managers: assigned to all of them, to some, or to none, counted in SQL. With one manager there
 * is no "some". Managers that are not account managers of the organisation, or the signed-in
 * admin itself, make the whole view a NotFound.
 */
export async function listAssignmentAccounts(q: DbOrTx, actor: Actor, rawParams: unknown): Promise<AssignmentPage> {
  assertCanManage(actor);
  const params = AssignmentParams.parse(rawParams ?? {});
  const ids = parseManagerIds(params.managers);
  if (!ids || ids.includes(actor.userId)) throw new NotFoundError();
  const managers = await q
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(and(inArray(users.id, ids), partnerAdminsOf(actor), eq(users.isAccountManager, true)))
    .orderBy(asc(sql`lower(${users.displayName})`), asc(users.id));
  if (managers.length !== ids.length) throw new NotFoundError();

  const k = ids.length;
  const view: AssignmentView = k === 1 && params.view === 'some' ? 'all' : params.view;
  const assignedTo = sql<number>`(select count(*)::int from ${accountManagerAssignments}
    where ${accountManagerAssignments.accountId} = ${accounts.id} and ${inArray(accountManagerAssignments.userId, ids)})`;
  const term = params.q.toLowerCase();
  const base = and(accountScope(actor), term ? sql`lower(${accounts.name}) like ${containsPattern(term)}` : undefined)!;
  const inView: Record<AssignmentView, SQL> = {
    all: sql`${assignedTo} = ${k}`,
    some: sql`${assignedTo} between 1 and ${k - 1}`,
    none: sql`${assignedTo} = 0`,
  };

  const [page, [counted]] = await Promise.all([
    q
      .select({ id: accounts.id, name: accounts.name, country: accounts.country, assignedTo, nameKey: NAME_KEY })
      .from(accounts)
      .where(and(base, inView[view], afterCursor(params.cursor)))
      .orderBy(asc(NAME_KEY), asc(accounts.id))
      .limit(params.size + 1),
    q
      .select({
        all: sql<number>`count(*) filter (where ${inView.all})::int`,
        some: sql<number>`count(*) filter (where ${inView.some})::int`,
        none: sql<number>`count(*) filter (where ${inView.none})::int`,
      })
      .from(accounts)
      .where(base),
  ]);
  const { rows, nextCursor } = keysetSlice(page, params.size, (r) => [r.nameKey, r.id]);
  const counts = { all: counted?.all ?? 0, some: counted?.some ?? 0, none: counted?.none ?? 0 };
  return {
    params,
    view,
    managers,
    counts,
    rows: rows.map(({ nameKey: _k, ...r }) => r),
    nextCursor,
    total: counts[view],
  };
}

function afterCursor(cursor: string | undefined): SQL | undefined {
  const values = decodeCursor(cursor);
  if (!values || values.length !== 2) return undefined;
  const [key, id] = values;
  if (typeof key !== 'string' || typeof id !== 'string' || !isUuid(id)) return undefined;
  return sql`(${NAME_KEY}, ${accounts.id}) > (${key}, ${id}::uuid)`;
}
