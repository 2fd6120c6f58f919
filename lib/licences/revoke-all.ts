import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userLicences, type Account } from '@/db/schema';
import type { Ctx } from '@/lib/db/transaction';
import { recordEvents } from '@/lib/events/record-event';
import { lockLicences, type Product } from './pool';

/**
 * Takes every licence of a product from the account's users, under the licence lock, and records
 * a Delete event for each (as unassigning them one by one would); returns how many.
 */
export async function revokeAllLicences(tx: Tx, ctx: Ctx, account: Account, product: Product): Promise<number> {
  await lockLicences(tx, account.id);
  const removed = await tx
    .delete(userLicences)
    .where(and(eq(userLicences.accountId, account.id), eq(userLicences.product, product)))
    .returning({ userId: userLicences.userId, level: userLicences.level });
  await recordEvents(
    tx,
    ctx,
    removed.map((r) => ({
      action: 'Delete' as const,
      asset: 'Licence' as const,
      assetId: `${r.userId}:${product}`,
      accountId: account.id,
      partnerOrgId: account.partnerOrgId,
      before: { product, level: r.level },
    })),
  );
  return removed.length;
}
