import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountIntegrations, orders, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { addUserProduct } from '@/lib/licences/add-user-product';
import { applyLicences } from '@/lib/licences/apply-licences';
import { userProducts } from '@/lib/licences/user-products';
import { actorFor, seedTenants } from '../helpers';
import { addUser } from '../users/fixtures';

let globex: Account;
let gina: Actor;
let userId: string;

const integrate = (integrationId: string, on = true) =>
  (on ? addAccountIntegration : removeAccountIntegration)({ ctx: { actor: gina }, input: { accountId: globex.id, integrationId } });
const order = (values: Partial<typeof orders.$inferInsert>) =>
  db()
    .insert(orders)
    .values({ partnerOrgId: globex.partnerOrgId, accountId: globex.id, sapOrderId: `SAP-${randomUUID()}`, product: 'mitelOne', level: 'premier', licenceCount: 2, purchaseDate: '2026-01-01', expiresOn: '2099-12-31', trackingNumber: 'TRK-UP', ...values });
const products = () => userProducts(db(), globex, userId);

beforeAll(async () => {
  const tenants = await seedTenants();
  globex = tenants.globex;
  gina = await actorFor(tenants.otherPartnerEmail);
  userId = (await addUser(globex.id, { email: `products-${randomUUID().slice(0, 6)}@products.example` })).id;
});

describe('the Products & licences of a user page (USR-7, M1-2, MTM-2)', () => {
  it('shows nothing to manage without the integrations', async () => {
    expect(await products()).toEqual({ mitelOne: null, mitelOneKept: null, miteam: { view: 'noLicences', holds: false, free: 0 } });
  });

  it('offers Mitel One once integrated, then "Finish setup" after "+ Add product", then the level and the feature summary', async () => {
    await integrate('mitelOne');
    await order({ licenceCount: 2 });
    expect((await products()).mitelOne).toMatchObject({ added: false, level: null, free: { essential: 0, premier: 2, elite: 0 } });

    await addUserProduct({ ctx: { actor: gina }, input: { accountId: globex.id, userId, product: 'mitelOne' } });
    expect((await products()).mitelOne).toMatchObject({ added: true, level: null, summary: { chat: 'notInLevel', miteamMeetings: 'notInLevel', telephony: 'notInLevel' } });

    await applyLicences({ ctx: { actor: gina }, input: { accountId: globex.id, userIds: [userId], change: { product: 'mitelOne', level: 'premier', features: { telephony: 'off' } } } });
    expect((await products()).mitelOne).toMatchObject({
      added: true,
      level: 'premier',
      features: { telephony: false },
      summary: { chat: 'on', miteamMeetings: 'on', telephony: 'off' },
      free: { essential: 0, premier: 1, elite: 0 },
    });
  });

  it("says when the account has a feature off for everyone (M1-1's available features)", async () => {
    await db()
      .update(accountIntegrations)
      .set({ settings: { features: { chat: false } } })
      .where(and(eq(accountIntegrations.accountId, globex.id), eq(accountIntegrations.integrationId, 'mitelOne')));
    expect((await products()).mitelOne?.summary).toEqual({ chat: 'offForAccount', miteamMeetings: 'on', telephony: 'off' });
  });

  it('tells that the user keeps the Mitel One licence while the integration is removed', async () => {
    await integrate('mitelOne', false);
    const now = await products();
    expect(now.mitelOne).toBeNull();
    expect(now.mitelOneKept).toBe('premier');
  });

  it('shows the MiTeam Meetings licence as not available until an order brings free ones', async () => {
    await integrate('miteamMeetings');
    expect((await products()).miteam).toEqual({ view: 'notAvailable', holds: false, free: 0 });
    await order({ product: 'miteamMeetings', level: null, licenceCount: 3 });
    expect((await products()).miteam).toEqual({ view: 'toggle', holds: false, free: 3 });
  });
});
