import 'server-only';
import { and, count, eq, gte, isNull, or, sql, sum } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { orders, userLicences } from '@/db/schema';
import { todayUtc } from '@/lib/orders/status';
import type { Pool } from './arithmetic';
import type { Level } from './levels';

export type Product = 'mitelOne' | 'miteamMeetings';
export interface LicenceKind {
  product: Product;
  /** Mitel One only. */
  level: Level | null;
}

/**
 * Serialises every licence change of one account (ORD-5): a transaction-scoped advisory lock, so
 * two requests never both count the same free licence. Held until the transaction ends.
 */
export async function lockLicences(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`licences:${accountId}`}, 0))`);
}

/** The account's pool of one kind of licence, counted now (call after lockLicences in commands). */
export async function poolOf(q: DbOrTx, accountId: string, kind: LicenceKind, today = todayUtc()): Promise<Pool> {
  const levelOfOrder = kind.level ? eq(orders.level, kind.level) : isNull(orders.level);
  const levelOfLicence = kind.level ? eq(userLicences.level, kind.level) : isNull(userLicences.level);
  const [[owned], [inUse]] = await Promise.all([
    q
      .select({ n: sum(orders.licenceCount) })
      .from(orders)
      .where(
        and(
          eq(orders.accountId, accountId),
          eq(orders.product, kind.product),
          levelOfOrder,
          eq(orders.activation, 'active'),
          or(eq(orders.perpetual, true), gte(orders.expiresOn, today)),
        ),
      ),
    q
      .select({ n: count() })
      .from(userLicences)
      .where(and(eq(userLicences.accountId, accountId), eq(userLicences.product, kind.product), levelOfLicence)),
  ]);
  return { owned: Number(owned?.n ?? 0), inUse: Number(inUse?.n ?? 0) };
}
