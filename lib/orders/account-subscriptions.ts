import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, type DbOrTx } from '@/db/client';
import { accounts, orders, partnerOrgs, type Account, type Order, type PartnerOrg } from '@/db/schema';
import { accountScope, getAccountInScope } from '@/lib/accounts/scope';
import { authorize, can } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import type { Ctx } from '@/lib/db/transaction';
import { NotFoundError, validationFromZod } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
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
  /**
   * Free licences per pool (product, or Mitel One level) of the account now, and how many more are
   * in use than it owns: an order that expired or that the billing system lowered leaves users
   * their licences (they are never taken silently), so the panel tells the admin instead.
   */
  free: { product: Order['product']; level: Order['level']; free: number; overAssigned: number }[];
  /** ORD-6: products with a subscription but without their integration on the account. */
  withoutIntegration: Order['product'][];
  /** ORD-4 "Add order": partners with Subscriptions "Add" (the panel shows only with a billing account). */
  canAddOrder: boolean;
}

/**
 * ORD-4: the Subscriptions panel of an account (bottom of the account page, Billing →
 * Subscriptions): the orders assigned to it, the licences still free, and the ORD-6 warning. Needs
 * Subscriptions "View". The caller passes an account already in the actor's scope.
 */
export async function accountSubscriptions(q: DbOrTx, actor: Actor, account: Account): Promise<AccountSubscriptions> {
  authorize(actor, 'subscriptions', 'view');
  const today = todayUtc();
  const [rows, { state }] = await Promise.all([
    q.select().from(orders).where(eq(orders.accountId, account.id)).orderBy(asc(orders.purchaseDate), asc(orders.sapOrderId)),
    readIntegrations(q, account),
  ]);
  const kinds = [...new Map(rows.map((r) => [`${r.product}:${r.level ?? ''}`, { product: r.product, level: r.level }])).values()];
  const free = await Promise.all(
    kinds.map(async (k) => {
      const pool = await poolOf(q, account.id, k, today);
      return { ...k, free: available(pool), overAssigned: Math.max(0, pool.inUse - pool.owned) };
    }),
  );
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
const panelShown = (org: Pick<PartnerOrg, 'billingAccount' | 'prime'> | undefined) => !!org?.billingAccount && !org.prime;

/** ORD-4: whether the account's partner gets the Subscriptions panel at all (see `panelShown`). */
export async function showsSubscriptions(q: DbOrTx, account: Account): Promise<boolean> {
  const [org] = await q.select({ billingAccount: partnerOrgs.billingAccount, prime: partnerOrgs.prime }).from(partnerOrgs).where(eq(partnerOrgs.id, account.partnerOrgId));
  return panelShown(org);
}

/**
 * ORD-4 "Billing → Subscriptions" in the left navigation: whether the actor may open the page of
 * this account (Subscriptions View, the account in scope, and the panel shown for its partner).
 * One query; an account out of scope simply has no page.
 */
export async function hasSubscriptionsPage(q: DbOrTx, actor: Actor, accountId: string): Promise<boolean> {
  if (!can(actor, 'subscriptions', 'view') || !isUuid(accountId)) return false;
  const [org] = await q
    .select({ billingAccount: partnerOrgs.billingAccount, prime: partnerOrgs.prime })
    .from(accounts)
    .innerJoin(partnerOrgs, eq(partnerOrgs.id, accounts.partnerOrgId))
    .where(and(eq(accounts.id, accountId), accountScope(actor)))
    .limit(1);
  return panelShown(org);
}

const ListAccountSubscriptionsInput = z.object({ accountId: z.string().max(100) });

/**
 * ORD-4 "Billing → Subscriptions": the panel of an account in the actor's scope as a page of its
 * own. Where the panel does not show (prime partner, no billing account) there is no such page:
 * NotFound, like an account out of scope.
 */
export async function listAccountSubscriptions({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AccountSubscriptions & { accountId: string }> {
  const parsed = ListAccountSubscriptionsInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'subscriptions', 'view');
  const q = ctx.tx ?? db();
  const account = await getAccountInScope(q, ctx.actor, parsed.data.accountId);
  if (!(await showsSubscriptions(q, account))) throw new NotFoundError();
  return { accountId: account.id, ...(await accountSubscriptions(q, ctx.actor, account)) };
}
