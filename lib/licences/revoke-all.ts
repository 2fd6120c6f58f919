import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userLicences } from '@/db/schema';
import { lockLicences, type Product } from './pool';

/** Takes every licence of a product from the account's users, under the licence lock; returns how many. */
export async function revokeAllLicences(tx: Tx, accountId: string, product: Product): Promise<number> {
  await lockLicences(tx, accountId);
  const removed = await tx
    .delete(userLicences)
    .where(and(eq(userLicences.accountId, accountId), eq(userLicences.product, product)))
    .returning({ userId: userLicences.userId });
  return removed.length;
}
