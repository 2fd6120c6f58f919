import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orders, partnerOrgs, userLicences, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { ingestOrder } from '@/lib/orders/ingest-order';
import { accountSubscriptions, hasSubscriptionsPage, listAccountSubscriptions, showsSubscriptions } from '@/lib/orders/account-subscriptions';
import { customAdmin } from '../accounts/fixtures';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { addUser, rejection } from '../users/fixtures';

let contoso: Account;
let fabrikam: Account;
let globex: Account;
let otherPartnerEmail: string;
let partner: Actor;
let alice: Actor;

beforeAll(async () => {
  ({ contoso, fabrikam, globex, otherPartnerEmail } = await seedTenants());
  partner = await actorFor(EMAIL.partner);
  alice = await actorFor(EMAIL.alice);
  const base = { partnerOrgId: contoso.partnerOrgId, accountId: contoso.id, purchaseDate: '2026-01-01', trackingNumber: 'TRK-S' };
  await db()
    .insert(orders)
    .values([
      { ...base, sapOrderId: `SAP-${randomUUID()}`, product: 'mitelOne', level: 'premier', licenceCount: 5, expiresOn: '2099-12-31' },
      { ...base, sapOrderId: `SAP-${randomUUID()}`, product: 'miteamMeetings', licenceCount: 10, perpetual: true, purchaseDate: '2026-02-01' },
      { ...base, sapOrderId: `SAP-${randomUUID()}`, product: 'miteamMeetings', licenceCount: 99, expiresOn: '2020-12-31', purchaseDate: '2019-01-01' },
    ]);
  const user = await addUser(contoso.id, { email: `sub-${randomUUID().slice(0, 6)}@subs.example` });
  await db().insert(userLicences).values({ userId: user.id, accountId: contoso.id, product: 'mitelOne', level: 'premier' });
});

describe('the Subscriptions panel (ORD-4, ORD-6)', () => {
  it('shows only for partners with a billing account that are not prime', async () => {
    // The demo organisation has a billing account.
    expect(await showsSubscriptions(db(), contoso)).toBe(true);
    await db().update(partnerOrgs).set({ billingAccount: null }).where(eq(partnerOrgs.id, contoso.partnerOrgId));
    expect(await showsSubscriptions(db(), contoso)).toBe(false);
    await db().update(partnerOrgs).set({ billingAccount: '0010045678' }).where(eq(partnerOrgs.id, contoso.partnerOrgId));
    expect(await showsSubscriptions(db(), contoso)).toBe(true);
    await db().update(partnerOrgs).set({ prime: true }).where(eq(partnerOrgs.id, contoso.partnerOrgId));
    expect(await showsSubscriptions(db(), contoso)).toBe(false);
    await db().update(partnerOrgs).set({ prime: false }).where(eq(partnerOrgs.id, contoso.partnerOrgId));
  });

  it('lists the orders with their status and the licences still free; expired orders count for nothing', async () => {
    const data = await accountSubscriptions(db(), partner, contoso);
    expect(data.subscriptions.map((s) => [s.product, s.licenceCount, s.status])).toEqual([
      ['miteamMeetings', 99, 'EXPIRED'],
      ['mitelOne', 5, 'ACTIVE'],
      ['miteamMeetings', 10, 'PERPETUAL'],
    ]);
    expect(data.free).toEqual(
      expect.arrayContaining([
        { product: 'mitelOne', level: 'premier', free: 4, overAssigned: 0 },
        { product: 'miteamMeetings', level: null, free: 10, overAssigned: 0 },
      ]),
    );
    expect(data.canAddOrder).toBe(true);
  });

  it('accepts an order update below the licences in use: users keep them, the panel shows the excess', async () => {
    const sapOrderId = `SAP-${randomUUID()}`;
    const payload = { sapOrderId, product: 'mitelOne', level: 'elite', licenceCount: 3, termMonths: 12, purchaseDate: '2026-11-01', expiresOn: '2099-10-31', trackingNumber: 'TRK-LOW' };
    await ingestOrder({ partnerOrgId: globex.partnerOrgId, keyName: 'test', input: payload });
    await db().update(orders).set({ accountId: globex.id }).where(eq(orders.sapOrderId, sapOrderId));
    const holders = await Promise.all([1, 2, 3].map((i) => addUser(globex.id, { email: `elite-${i}-${randomUUID().slice(0, 6)}@subs.example` })));
    await db().insert(userLicences).values(holders.map((u) => ({ userId: u.id, accountId: globex.id, product: 'mitelOne' as const, level: 'elite' as const })));

    // The billing system is the source of truth for what was bought; the portal never takes licences silently.
    expect((await ingestOrder({ partnerOrgId: globex.partnerOrgId, keyName: 'test', input: { ...payload, licenceCount: 1 } })).outcome).toBe('updated');
    const elite = (await accountSubscriptions(db(), await actorFor(otherPartnerEmail), globex)).free.find((f) => f.level === 'elite');
    expect(elite).toEqual({ product: 'mitelOne', level: 'elite', free: 0, overAssigned: 2 });
    expect(await db().select().from(userLicences).where(eq(userLicences.level, 'elite'))).toHaveLength(3);
  });

  it('warns about subscriptions without their integration until it is added (ORD-6)', async () => {
    expect((await accountSubscriptions(db(), alice, contoso)).withoutIntegration).toEqual(['miteamMeetings', 'mitelOne']);
    await addAccountIntegration({ ctx: { actor: alice }, input: { accountId: contoso.id, integrationId: 'mitelOne' } });
    const data = await accountSubscriptions(db(), alice, contoso);
    expect(data.withoutIntegration).toEqual(['miteamMeetings']);
    // "Add order" is the partner's.
    expect(data.canAddOrder).toBe(false);
  });

  it('needs Subscriptions "View"', async () => {
    expect(await rejection(accountSubscriptions(db(), await actorFor(EMAIL.uma), contoso))).toBeInstanceOf(ForbiddenError);
  });
});

describe('the Subscriptions page, Billing → Subscriptions (ORD-4, issue 7)', () => {
  const page = (actor: Actor, account: Account | string) => listAccountSubscriptions({ ctx: { actor }, input: { accountId: typeof account === 'string' ? account : account.id } });
  /** Runs `fn` while the demo organisation is prime, or has no billing account, then puts it back. */
  const whileOrg = async (values: { prime?: boolean; billingAccount?: null }, fn: () => Promise<void>) => {
    const [before] = await db().select({ prime: partnerOrgs.prime, billingAccount: partnerOrgs.billingAccount }).from(partnerOrgs).where(eq(partnerOrgs.id, contoso.partnerOrgId));
    await db().update(partnerOrgs).set(values).where(eq(partnerOrgs.id, contoso.partnerOrgId));
    try {
      await fn();
    } finally {
      await db().update(partnerOrgs).set(before!).where(eq(partnerOrgs.id, contoso.partnerOrgId));
    }
  };

  it("shows an account admin with Subscriptions View the panel of its own account, without \"Add order\"", async () => {
    const data = await page(alice, contoso);
    expect(data.accountId).toBe(contoso.id);
    expect(data.subscriptions.map((s) => [s.product, s.licenceCount])).toEqual([
      ['miteamMeetings', 99],
      ['mitelOne', 5],
      ['miteamMeetings', 10],
    ]);
    expect(data.free).toContainEqual({ product: 'mitelOne', level: 'premier', free: 4, overAssigned: 0 });
    expect(data.canAddOrder).toBe(false);
    expect(await hasSubscriptionsPage(db(), alice, contoso.id)).toBe(true);
  });

  it('shows the partner the same panel with "Add order"', async () => {
    const data = await page(partner, contoso);
    expect(data.subscriptions).toHaveLength(3);
    expect(data.canAddOrder).toBe(true);
  });

  it('refuses an account admin without Subscriptions View, and leaves the entry out of the navigation', async () => {
    const limited = await actorFor(await customAdmin(contoso.id, `no-subs-${randomUUID().slice(0, 6)}@subs.example`, ['account.view', 'users.view']));
    expect(await rejection(page(limited, contoso))).toBeInstanceOf(ForbiddenError);
    expect(await hasSubscriptionsPage(db(), limited, contoso.id)).toBe(false);
    expect(await rejection(page(await actorFor(EMAIL.uma), contoso))).toBeInstanceOf(ForbiddenError);
  });

  it("does not exist for a prime partner's account", async () => {
    await whileOrg({ prime: true }, async () => {
      expect(await rejection(page(alice, contoso))).toBeInstanceOf(NotFoundError);
      expect(await rejection(page(partner, contoso))).toBeInstanceOf(NotFoundError);
      expect(await hasSubscriptionsPage(db(), alice, contoso.id)).toBe(false);
    });
  });

  it('does not exist when the partner has no billing account', async () => {
    await whileOrg({ billingAccount: null }, async () => {
      expect(await rejection(page(alice, contoso))).toBeInstanceOf(NotFoundError);
      expect(await hasSubscriptionsPage(db(), alice, contoso.id)).toBe(false);
    });
    expect(await hasSubscriptionsPage(db(), alice, contoso.id)).toBe(true);
  });

  it("looks absent for another account or another partner's account", async () => {
    expect(await rejection(page(alice, fabrikam))).toBeInstanceOf(NotFoundError);
    expect(await rejection(page(partner, globex))).toBeInstanceOf(NotFoundError);
    expect(await rejection(page(alice, 'not-a-uuid'))).toBeInstanceOf(NotFoundError);
    expect(await hasSubscriptionsPage(db(), alice, fabrikam.id)).toBe(false);
    expect(await hasSubscriptionsPage(db(), partner, globex.id)).toBe(false);
    expect(await hasSubscriptionsPage(db(), alice, 'not-a-uuid')).toBe(false);
  });
});
