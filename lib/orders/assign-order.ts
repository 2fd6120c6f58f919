import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { orders } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, NotFoundError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { isUuid } from '@/lib/ids';
import { canAssignOrder, todayUtc } from './status';

export const AssignOrderInput = z.object({
  orderId: z.string().trim().min(1, 'errors.notFound'),
  accountId: z.string().trim().min(1, 'orders.page.errors.accountRequired'),
});

export interface AssignOrderResult {
  orderId: string;
  accountId: string;
  accountName: string;
}

/**
 * ORD-3: assigns an unassigned order of the partner organisation to one of its accounts in the
 * actor's scope; all its licences go to that account. The order is read `for update`, so two
 * partners assigning the same order at once give one assignment and one conflict. Expired and
 * pending orders cannot be assigned; an assignment is never silently moved to another account.
 */
export async function assignOrder({ ctx, input }: Command<unknown>): Promise<AssignOrderResult> {
  const parsed = AssignOrderInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'orders', 'view');
  const { orderId, accountId } = parsed.data;
  const { actor } = ctx;
  if (actor.kind !== 'partner' || !actor.partnerOrgId) throw new NotFoundError();
  const partnerOrgId = actor.partnerOrgId;

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, actor, accountId);
    if (!isUuid(orderId)) throw new NotFoundError();
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.partnerOrgId, partnerOrgId)))
      .for('update');
    if (!order) throw new NotFoundError();
    if (order.accountId) {
      // An account manager does not learn of orders assigned to accounts it does not manage.
      if (actor.managedAccountIds !== null && !actor.managedAccountIds.includes(order.accountId)) throw new NotFoundError();
      throw new ConflictError('orders.page.errors.alreadyAssigned');
    }
    if (!canAssignOrder(order, todayUtc())) throw new ConflictError('orders.page.errors.notAssignable');

    const assignedAt = new Date();
    await tx.update(orders).set({ accountId: account.id, assignedAt, updatedAt: assignedAt }).where(eq(orders.id, order.id));
    await recordEvent(tx, ctx, {
      action: 'Edit',
      asset: 'Order',
      assetId: order.id,
      accountId: account.id,
      partnerOrgId,
      before: { accountId: null },
      after: { accountId: account.id, accountName: account.name },
      core: { sapOrderId: order.sapOrderId, trackingNumber: order.trackingNumber },
    });
    return { orderId: order.id, accountId: account.id, accountName: account.name };
  });
}
