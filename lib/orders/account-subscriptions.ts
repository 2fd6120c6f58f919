import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { orders, partnerOrgs, type Account, type Order } from '@/db/schema';
import { authorize, can } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { readIntegrations } from '@/lib/integrations/account-state';
import { available } from '@/lib/licences/arithmetic';
import { poolOf } from '@/lib/licences/pool';
import { orderStatus, todayUtc, type OrderStatus } from './status';

export interface SubscriptionView {
  id: string;
  sapOrderId: string;
  trackingNumber: string;
  product: Order['product'];
  level: Order['level'];
  licenceCount: number;
  purchaseDate: string;
  expiresOn: string | null;
  status: OrderStatus;
}

export interface AccountSubscriptions {
  subscriptions: SubscriptionView[];
  /** Free licences per pool (product, or Mitel One level) of the account now. */
  free: { product: Order['product']; level: Order['level']; free: number }[];
  /** ORD-6: products with a subscription but without their integration on the account. */
  withoutIntegration: Order['product'][];
  /** ORD-4 "Add order": partners with Subscriptions "Add" (the panel shows only with a billing account). */
  canAddOrder: boolean;
}

/**
 * ORD-4: the Subscriptions panel of an account (bottom of the account page): the orders assigned
 * to it, the licences still free, and the ORD-6 warning. Needs Subscriptions "View". The caller
 * passes an account already in the actor's scope.
 */
export async function accountSubscriptions(q: DbOrTx, actor: Actor, account: Account): Promise<AccountSubscriptions> {
  authorize(actor, 'subscriptions', 'view');
  const today = todayUtc();
  const [rows, { state }] = await Promise.all([
    q.select().from(orders).where(eq(orders.accountId, account.id)).orderBy(asc(orders.purchaseDate), asc(orders.sapOrderId)),
    readIntegrations(q, account),
  ]);
  const kinds = [...new Map(rows.map((r) => [`${r.product}:${r.level ?? ''}`, { product: r.product, level: r.level }])).values()];
  const free = await Promise.all(kinds.map(async (k) => ({ ...k, free: available(await poolOf(q, account.id, k, today)) })));
  const products = [...new Set(rows.filter((r) => orderStatus(r, today) !== 'EXPIRED').map((r) => r.product))];
  return {
    subscriptions: rows.map((r) => ({
      id: r.id,
      sapOrderId: r.sapOrderId,
      trackingNumber: r.trackingNumber,
      product: r.product,
      level: r.level,
      licenceCount: r.licenceCount,
      purchaseDate: r.purchaseDate,
      expiresOn: r.expiresOn,
      status: orderStatus(r, today),
    })),
    free,
    withoutIntegration: products.filter((p) => !(state.integrations as readonly string[]).includes(p)).sort(),
    canAddOrder: actor.kind === 'partner' && can(actor, 'subscriptions', 'add'),
  };
}

/** ORD-4: the panel is not shown for prime partners' accounts nor partners without a billing account. */
export async function showsSubscriptions(q: DbOrTx, account: Account): Promise<boolean> {
  const [org] = await q.select({ billingAccount: partnerOrgs.billingAccount, prime: partnerOrgs.prime }).from(partnerOrgs).where(eq(partnerOrgs.id, account.partnerOrgId));
  return !!org?.billingAccount && !org.prime;
}
