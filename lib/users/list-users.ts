import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { roles, userExtensions, userLicences, users, type User } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { containsPattern, decodeCursor, type KeysetPage, keysetSlice, likeEscape } from '@/lib/tables/search-params';
import { ListUsersParams, type ProductFilter, type PropertyFilter, type UserSort } from './schemas';

export interface UserListRow {
  id: string;
  displayName: string;
  email: string;
  extensions: string[];
  updatedAt: Date;
  updatedBy: string | null;
  roleKey: string | null;
  roleName: string;
  source: User['source'];
  registered: boolean;
  inactive: boolean;
  /** The products the user has (USR-1 "licences"); a Mitel One without a level is still being set up. */
  licences: { product: ProductFilter; level: 'essential' | 'premier' | 'elite' | null }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sort keys, each backed by an (account_id, key, id) index so every page is an index range scan. */
const SORT_KEY: Record<UserSort, SQL> = {
  name: sql`lower(${users.displayName})`,
  email: sql`lower(${users.email})`,
  modified: sql`${users.updatedAt}`,
};
/** The cursor carries timestamps as PostgreSQL prints them: microseconds survive the round trip. */
const CURSOR_VALUE: Record<UserSort, SQL<string>> = {
  name: sql<string>`lower(${users.displayName})`,
  email: sql<string>`lower(${users.email})`,
  modified: sql<string>`${users.updatedAt}::text`,
};

const FILTERS: Record<PropertyFilter, SQL> = {
  admins: sql`${users.roleId} in (select ${roles.id} from ${roles} where ${roles.baseRole} in ('admin', 'partner'))`,
  users: sql`${users.roleId} in (select ${roles.id} from ${roles} where ${roles.baseRole} = 'user')`,
  registered: isNotNull(users.registeredAt),
  unregistered: isNull(users.registeredAt),
  pbx: eq(users.source, 'pbx'),
  micloud: eq(users.source, 'micloud'),
  iot: eq(users.iotConnected, true),
  inactive: eq(users.inactive, true),
};

/** USR-1 Product filter: users holding a licence of the product, as a sub-select on the account's licences. */
function productCondition(q: DbOrTx, accountId: string, product: ProductFilter | undefined): SQL | undefined {
  if (!product) return undefined;
  return inArray(
    users.id,
    q
      .select({ id: userLicences.userId })
      .from(userLicences)
      .where(and(eq(userLicences.accountId, accountId), eq(userLicences.product, product), product === 'mitelOne' ? isNotNull(userLicences.level) : undefined)),
  );
}

/**
 * As-you-type search (USR-1) on name and e-mail (trigram index on search_text) or, for digits,
 * on extension prefixes. The extension branch is a separate index lookup joined by UNION, so both
 * halves use their own index instead of one filter over every user of the account.
 */
function searchCondition(accountId: string, raw: string): SQL | undefined {
  const term = raw.trim().toLowerCase();
  if (!term) return undefined;
  const text = sql`${users.searchText} like ${containsPattern(term)}`;
  if (!/^[0-9*#+]{1,20}$/.test(term)) return text;
  return sql`${users.id} in (
    select u.id from ${users} u where u.account_id = ${accountId} and u.search_text like ${containsPattern(term)}
    union
    select e.user_id from ${userExtensions} e where e.account_id = ${accountId} and e.extension like ${`${likeEscape(term)}%`}
  )`;
}

function cursorCondition(sort: UserSort, dir: 'asc' | 'desc', cursor: string | undefined): SQL | undefined {
  const values = decodeCursor(cursor);
  if (!values || values.length !== 2) return undefined;
  const [key, id] = values;
  if (typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
  const keyValue = sort === 'modified' ? sql`${key}::timestamptz` : sql`${key}`;
  const op = dir === 'asc' ? sql`>` : sql`<`;
  return sql`(${SORT_KEY[sort]}, ${users.id}) ${op} (${keyValue}, ${id}::uuid)`;
}

/**
 * USR-1: one page of an account's users, in scope, with server-side keyset paging. `total` is the
 * exact number of matches (a count over an index of one account stays fast at 100k users).
 */
export async function listUsers(
  q: DbOrTx,
  actor: Actor,
  accountId: string,
  rawParams: unknown,
): Promise<KeysetPage<UserListRow> & { params: ListUsersParams; products: ProductFilter[] }> {
  const params = ListUsersParams.parse(rawParams ?? {});
  authorize(actor, 'users', 'view');
  const account = await getAccountInScope(q, actor, accountId);
  const base = and(
    eq(users.accountId, account.id),
    params.filter ? FILTERS[params.filter] : undefined,
    productCondition(q, account.id, params.product),
    searchCondition(account.id, params.q),
  );
  const order = params.dir === 'asc' ? asc : desc;

  const pageQuery = q
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      updatedAt: users.updatedAt,
      updatedBy: users.updatedBy,
      roleKey: roles.key,
      roleName: roles.name,
      source: users.source,
      registeredAt: users.registeredAt,
      inactive: users.inactive,
      cursorValue: CURSOR_VALUE[params.sort],
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(base, cursorCondition(params.sort, params.dir, params.cursor)))
    .orderBy(order(SORT_KEY[params.sort]), order(users.id))
    .limit(params.size + 1);
  // No join here: with the role filter as a sub-select, counting one account is an index-only scan.
  const countQuery = q.select({ n: count() }).from(users).where(base);
  // The Product filter offers the products users of the account hold licences of.
  const productsQuery = q
    .selectDistinct({ product: userLicences.product })
    .from(userLicences)
    .where(and(eq(userLicences.accountId, account.id), sql`(${userLicences.product} <> 'mitelOne' or ${userLicences.level} is not null)`))
    .orderBy(asc(userLicences.product));
  const [page, [counted], held] = await Promise.all([pageQuery, countQuery, productsQuery]);

  const { rows, nextCursor } = keysetSlice(page, params.size, (r) => [r.cursorValue, r.id]);
  const ids = rows.map((r) => r.id);
  const [extensions, licences] = await Promise.all([extensionsOf(q, account.id, ids), licencesOf(q, account.id, ids)]);
  return {
    params,
    rows: rows.map(({ registeredAt, cursorValue: _c, ...r }) => ({
      ...r,
      registered: registeredAt !== null,
      extensions: extensions.get(r.id) ?? [],
      licences: licences.get(r.id) ?? [],
    })),
    nextCursor,
    total: counted?.n ?? 0,
    // The filtered product stays offered, so its chip can be read and removed.
    products: [...new Set([...held.map((h) => h.product), ...(params.product ? [params.product] : [])])],
  };
}

async function extensionsOf(q: DbOrTx, accountId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await q
    .select({ userId: userExtensions.userId, extension: userExtensions.extension })
    .from(userExtensions)
    .where(and(eq(userExtensions.accountId, accountId), inArray(userExtensions.userId, userIds)))
    .orderBy(asc(userExtensions.extension));
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.extension]);
  return out;
}

async function licencesOf(q: DbOrTx, accountId: string, userIds: string[]): Promise<Map<string, UserListRow['licences']>> {
  const out = new Map<string, UserListRow['licences']>();
  if (userIds.length === 0) return out;
  const rows = await q
    .select({ userId: userLicences.userId, product: userLicences.product, level: userLicences.level })
    .from(userLicences)
    .where(and(eq(userLicences.accountId, accountId), inArray(userLicences.userId, userIds)))
    .orderBy(asc(userLicences.product));
  for (const { userId, ...licence } of rows) out.set(userId, [...(out.get(userId) ?? []), licence]);
  return out;
}
