import 'server-only';
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { accounts, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { containsPattern, decodeCursor, type KeysetPage, keysetSlice, tableCursor, tableDirection, tablePageSize, tableSearch } from '@/lib/tables/search-params';
import { ACCOUNT_SORTS, ACCOUNT_VIEWS } from './schemas';
import { accountScope } from './scope';

/** ACC-1 list state as it appears in the URL; anything unparseable falls back to the default. */
export const AccountListParams = z.object({
  view: z.enum(ACCOUNT_VIEWS).catch('all'),
  q: tableSearch,
  sort: z.enum(ACCOUNT_SORTS).catch('name'),
  dir: tableDirection,
  cursor: tableCursor,
  size: tablePageSize,
});
export type AccountListParams = z.infer<typeof AccountListParams>;

export interface AccountListRow {
  id: string;
  name: string;
  country: string;
  status: Account['status'];
  userCount: number;
  createdAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's ISO text form of a timestamptz, as `created_at::text` produces it. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/**
 * ACC-1: one page of the partner's accounts list, keyset-paged on (sort key, id) so every page
 * costs the same however deep. Partners only: for anyone else the list does not exist.
 */
export async function pageAccountsInScope(q: DbOrTx, actor: Actor, params: AccountListParams): Promise<KeysetPage<AccountListRow>> {
  if (actor.kind !== 'partner') throw new NotFoundError();
  const filters: SQL[] = [accountScope(actor)];
  if (params.view !== 'all') filters.push(eq(accounts.status, params.view));
  if (params.q) {
    filters.push(sql`lower(${accounts.name}) like ${containsPattern(params.q.toLowerCase())}`);
  }
  const where = and(...filters)!;

  // Compared as text from the database, so the cursor keeps created_at's microseconds.
  const key = params.sort === 'name' ? sql`lower(${accounts.name})` : sql`${accounts.createdAt}`;
  const keyText = params.sort === 'name' ? key : sql`${accounts.createdAt}::text`;
  const after = afterCursor(params, key);
  const order = params.dir === 'asc' ? asc : desc;

  const [rows, [totalRow]] = await Promise.all([
    q
      .select({
        id: accounts.id,
        name: accounts.name,
        country: accounts.country,
        status: accounts.status,
        createdAt: accounts.createdAt,
        // Qualified by hand: inside the sub-select an unqualified "id" would be the user's.
        userCount: sql<number>`(select count(*)::int from "users" u where u."account_id" = "accounts"."id")`,
        sortKey: sql<string>`${keyText}`,
      })
      .from(accounts)
      .where(after ? and(where, after) : where)
      .orderBy(order(key), order(accounts.id))
      .limit(params.size + 1),
    q.select({ n: count() }).from(accounts).where(where),
  ]);
  const { rows: page, nextCursor } = keysetSlice(rows, params.size, (r) => [r.sortKey, r.id]);
  return {
    rows: page.map(({ sortKey: _sortKey, ...row }) => row),
    nextCursor,
    total: totalRow?.n ?? 0,
  };
}

function afterCursor(params: AccountListParams, key: SQL): SQL | null {
  const decoded = decodeCursor(params.cursor);
  if (!decoded || decoded.length !== 2) return null;
  const [value, id] = decoded;
  if (typeof value !== 'string' || typeof id !== 'string' || !UUID.test(id)) return null;
  // A tampered cursor starts the list from the top instead of failing the page.
  if (params.sort === 'created' && !PG_TIMESTAMP.test(value)) return null;
  const typed = params.sort === 'name' ? sql`${value}` : sql`${value}::timestamptz`;
  return params.dir === 'asc' ? sql`(${key}, ${accounts.id}) > (${typed}, ${id}::uuid)` : sql`(${key}, ${accounts.id}) < (${typed}, ${id}::uuid)`;
}
