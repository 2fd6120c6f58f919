import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orders, partnerOrgs, userLicences, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError } from '@/lib/errors';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { accountSubscriptions, showsSubscriptions } from '@/lib/orders/account-subscriptions';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { addUser, rejection } from '../users/fixtures';

let contoso: Account;
let partner: Actor;
let alice: Actor;

beforeAll(async () => {
  ({ contoso } = await seedTenants());
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
        { product: 'mitelOne', level: 'premier', free: 4 },
        { product: 'miteamMeetings', level: null, free: 10 },
      ]),
    );
    expect(data.canAddOrder).toBe(true);
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
