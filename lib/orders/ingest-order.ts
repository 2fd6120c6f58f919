import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type NewOrder, type Order } from '@/db/schema';
import { systemActor } from '@/lib/auth/system-actor';
import type { Actor } from '@/lib/authz/types';
import { validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { OrderPayload } from './schemas';

/** The actor of the billing system: a "Solution" in the event history (EVT-1), named after its key. */
export function billingActor(partnerOrgId: string, keyName: string): Actor {
  return { ...systemActor({ partnerOrgId }), kind: 'solution', name: `Billing API (${keyName})` };
}

export interface IngestResult {
  order: Order;
  /** created: a new SAP order id; updated: known and changed; unchanged: the same order again. */
  outcome: 'created' | 'updated' | 'unchanged';
}

// What the billing system owns; the assignment to an account is the partner's and stays.
const BILLING_FIELDS = ['product', 'level', 'licenceCount', 'termMonths', 'purchaseDate', 'expiresOn', 'perpetual', 'activation', 'trackingNumber', 'resellerPo', 'resellerSapId', 'customerPo'] as const;

/**
 * ORD-1: adds or updates an order from the billing system, idempotent by SAP order id within the
 * partner organisation. The existing row is read `for update`, so a retried or concurrent post of
 * the same order writes once; a change records an Edit event with the fields that changed.
 */
export async function ingestOrder({ partnerOrgId, keyName, input }: { partnerOrgId: string; keyName: string; input: unknown }): Promise<IngestResult> {
  const parsed = OrderPayload.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const values = parsed.data;
  const ctx = { actor: billingActor(partnerOrgId, keyName) };

  return db().transaction(async (tx) => {
    const bySap = and(eq(orders.partnerOrgId, partnerOrgId), eq(orders.sapOrderId, values.sapOrderId));
    // A concurrent first post of the same order inserts nothing here and is read below instead.
    const [inserted] = await tx
      .insert(orders)
      .values({ partnerOrgId, ...values } satisfies NewOrder)
      .onConflictDoNothing({ target: [orders.partnerOrgId, orders.sapOrderId] })
      .returning();
    if (inserted) {
      await recordEvent(tx, ctx, { action: 'Create', asset: 'Order', assetId: inserted.id, partnerOrgId, after: { ...values } });
      return { order: inserted, outcome: 'created' };
    }
    const [existing] = await tx.select().from(orders).where(bySap).for('update');
    const changed = BILLING_FIELDS.filter((f) => existing![f] !== values[f]);
    if (!changed.length) return { order: existing!, outcome: 'unchanged' };
    const [updated] = await tx
      .update(orders)
      .set({ ...values, updatedAt: new Date() })
      .where(bySap)
      .returning();
    await recordEvent(tx, ctx, {
      action: 'Edit',
      asset: 'Order',
      assetId: existing!.id,
      accountId: existing!.accountId,
      partnerOrgId,
      before: Object.fromEntries(changed.map((f) => [f, existing![f]])),
      after: Object.fromEntries(changed.map((f) => [f, values[f]])),
    });
    return { order: updated!, outcome: 'updated' };
  });
}
