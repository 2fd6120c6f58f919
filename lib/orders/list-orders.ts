import 'server-only';
import { and, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { accounts, orders, type Order } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { containsPattern, decodeCursor, keysetSlice, tableCursor, tableSearch, type KeysetPage } from '@/lib/tables/search-params';
import { orderStatus, todayUtc, type OrderStatus } from './status';

export const ORDER_VIEWS = ['all', 'unassigned', 'expired'] as const;
export type OrderView = (typeof ORDER_VIEWS)[number];
export const ORDER_PAGE_SIZE = 25;

/** ORD-1 list state as it appears in the URL; anything unparseable falls back to the default. */
export const OrderListParams = z.object({
  view: z.enum(ORDER_VIEWS).catch('all'),
  q: tableSearch,
  cursor: tableCursor,
});
export type OrderListParams = z.infer<typeof OrderListParams>;

export type OrderListRow = Pick<
  Order,
  | 'id'
  | 'sapOrderId'
  | 'product'
  | 'level'
  | 'licenceCount'
  | 'termMonths'
  | 'purchaseDate'
  | 'expiresOn'
  | 'perpetual'
  | 'activation'
  | 'trackingNumber'
  | 'resellerPo'
  | 'resellerSapId'
  | 'customerPo'
  | 'accountId'
> & { accountName: string | null; status: OrderStatus };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * ORD-1..2: one page of the partner organisation's orders, newest purchase first, keyset-paged on
 * (purchase date, id). An account manager sees the unassigned orders (it may assign them) and the
 * orders of its own accounts, never those of the organisation's other accounts.
 */
export async function listOrders(q: DbOrTx, actor: Actor, params: Partial<OrderListParams> = {}, today: string = todayUtc()): Promise<KeysetPage<OrderListRow>> {
  if (actor.kind !== 'partner' || !actor.partnerOrgId) throw new NotFoundError();
  authorize(actor, 'orders', 'view');
  const { view, q: term, cursor } = OrderListParams.parse(params);

  const filters: SQL[] = [eq(orders.partnerOrgId, actor.partnerOrgId)];
  if (actor.managedAccountIds !== null) {
    filters.push(actor.managedAccountIds.length ? or(isNull(orders.accountId), inArray(orders.accountId, [...actor.managedAccountIds]))! : isNull(orders.accountId));
  }
  if (view === 'expired') filters.push(sql`${orders.expiresOn} < ${today}::date`);
  if (view === 'unassigned') filters.push(and(isNull(orders.accountId), sql`(${orders.expiresOn} is null or ${orders.expiresOn} >= ${today}::date)`)!);
  if (term) {
    const pattern = containsPattern(term.toLowerCase());
    filters.push(
      or(
        sql`lower(${orders.sapOrderId}) like ${pattern}`,
        sql`lower(${orders.resellerPo}) like ${pattern}`,
        sql`lower(${orders.customerPo}) like ${pattern}`,
        sql`lower(${accounts.name}) like ${pattern}`,
        sql`lower(${orders.trackingNumber}) like ${pattern}`,
        sql`${orders.expiresOn}::text like ${pattern}`,
      )!,
    );
  }
  const where = and(...filters)!;
  const after = afterCursor(cursor);

  const [fetched, [totalRow]] = await Promise.all([
    q
      .select({
        id: orders.id,
        sapOrderId: orders.sapOrderId,
        product: orders.product,
        level: orders.level,
        licenceCount: orders.licenceCount,
        termMonths: orders.termMonths,
        purchaseDate: orders.purchaseDate,
        expiresOn: orders.expiresOn,
        perpetual: orders.perpetual,
        activation: orders.activation,
        trackingNumber: orders.trackingNumber,
        resellerPo: orders.resellerPo,
        resellerSapId: orders.resellerSapId,
        customerPo: orders.customerPo,
        accountId: orders.accountId,
        accountName: accounts.name,
      })
      .from(orders)
      .leftJoin(accounts, eq(accounts.id, orders.accountId))
      .where(after ? and(where, after) : where)
      .orderBy(desc(orders.purchaseDate), desc(orders.id))
      .limit(ORDER_PAGE_SIZE + 1),
    q.select({ n: count() }).from(orders).leftJoin(accounts, eq(accounts.id, orders.accountId)).where(where),
  ]);
  const { rows, nextCursor } = keysetSlice(fetched, ORDER_PAGE_SIZE, (r) => [r.purchaseDate, r.id]);
  return { rows: rows.map((r) => ({ ...r, status: orderStatus(r, today) })), nextCursor, total: totalRow?.n ?? 0 };
}

function afterCursor(cursor: string | undefined): SQL | null {
  const decoded = decodeCursor(cursor);
  if (!decoded || decoded.length !== 2) return null;
  const [date, id] = decoded;
  // A tampered cursor starts the list from the top instead of failing the page.
  if (typeof date !== 'string' || !ISO_DATE.test(date) || !isUuid(id)) return null;
  return sql`(${orders.purchaseDate}, ${orders.id}) < (${date}::date, ${id}::uuid)`;
}
