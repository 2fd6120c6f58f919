import 'server-only';
import { and, count, eq, gte, isNull, or, sql, sum } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { orders, userLicences } from '@/db/schema';
import { DomainError } from '@/lib/errors';
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
 * How long a request waits for the licence lock. A licences-bulk job holds it for its whole run
 * (about 20 s at 100,000 users); requests that waited that long would hold the web process's
 * database connections meanwhile, and enough of them would stall every page of the portal.
 */
export const LOCK_WAIT_MS = 3_000;

/**
 * Serialises every licence change of one account (ORD-5): a transaction-scoped advisory lock, so
 * two requests never both count the same free licence. Held until the transaction ends. Waits
 * at most `waitMs` (then 'licences.errors.busy'); null waits as long as it takes (the job).
 */
export async function lockLicences(tx: Tx, accountId: string, { waitMs = LOCK_WAIT_MS }: { waitMs?: number | null } = {}): Promise<void> {
  const lock = sql`select pg_advisory_xact_lock(hashtextextended(${`licences:${accountId}`}, 0))`;
  if (waitMs === null) return void (await tx.execute(lock));
  const [setting] = await tx.execute<{ before: string }>(sql`select current_setting('lock_timeout') as before`);
  await tx.execute(sql`select set_config('lock_timeout', ${`${waitMs}ms`}, true)`);
  try {
    await tx.execute(lock);
  } catch (e) {
    // 55P03 lock_not_available: the wait ran out (the transaction is aborted; the caller rolls back)
    if (isLockTimeout(e)) throw new DomainError('licences.errors.busy', 409);
    throw e;
  }
  await tx.execute(sql`select set_config('lock_timeout', ${setting?.before ?? '0'}, true)`);
}

function isLockTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '55P03') return true;
  }
  return false;
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
