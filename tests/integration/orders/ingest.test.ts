import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/billing/orders/route';
import { db } from '@/db/client';
import { events, orders, partnerApiKeys } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/billing/api-keys';
import { ForbiddenError } from '@/lib/errors';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { rejection } from '../users/fixtures';

let partner: Actor;
let key: string;
let otherKey: string;

const ORDER = {
  sapOrderId: 'SAP-4500012345',
  product: 'mitelOne',
  level: 'premier',
  licenceCount: 25,
  termMonths: 12,
  purchaseDate: '2026-11-01',
  expiresOn: '2027-10-31',
  trackingNumber: 'TRK-778899',
  resellerPo: 'NW-PO-2026-118',
  resellerSapId: '0010045678',
  customerPo: 'CONTOSO-PO-77',
};

const post = (body: unknown, auth: string | null = `Bearer ${key}`, type = 'application/json') =>
  POST(
    new Request('http://localhost/api/billing/orders', {
      method: 'POST',
      headers: { ...(auth ? { authorization: auth } : {}), 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

beforeAll(async () => {
  const { otherPartnerEmail } = await seedTenants();
  partner = await actorFor(EMAIL.partner);
  ({ key } = await createApiKey({ ctx: { actor: partner }, input: { name: 'SAP billing' } }));
  ({ key: otherKey } = await createApiKey({ ctx: { actor: await actorFor(otherPartnerEmail) }, input: { name: 'Other billing' } }));
});

describe('API keys of the billing system', () => {
  it('keeps only a hash and a prefix; the key itself is shown once', async () => {
    expect(key).toMatch(/^mab_[A-Za-z0-9_-]{43}$/);
    const rows = await db().select().from(partnerApiKeys);
    expect(JSON.stringify(rows)).not.toContain(key);
    const listed = await listApiKeys(db(), partner);
    expect(listed).toEqual([expect.objectContaining({ name: 'SAP billing', prefix: key.slice(0, 12), revokedAt: null })]);
  });

  it('are managed by partner admins of the whole organisation only', async () => {
    for (const email of [EMAIL.alice, EMAIL.uma]) {
      expect(await rejection(createApiKey({ ctx: { actor: await actorFor(email) }, input: { name: 'x' } }))).toBeInstanceOf(ForbiddenError);
    }
    const manager: Actor = { ...partner, managedAccountIds: [] };
    expect(await rejection(createApiKey({ ctx: { actor: manager }, input: { name: 'x' } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe('the order ingestion API (ORD-1)', () => {
  it('creates an order (201) with its status, and records who sent it', async () => {
    const res = await post(ORDER);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ sapOrderId: 'SAP-4500012345', outcome: 'created', status: 'ASSIGN', accountId: null });
    const [event] = await db().select().from(events).where(eq(events.assetId, body.id));
    expect(event).toMatchObject({ action: 'Create', asset: 'Order', actorKind: 'solution', actorName: 'Billing API (SAP billing)' });
  });

  it('is idempotent by SAP order id: the same order again changes nothing (200 unchanged)', async () => {
    const res = await post(ORDER);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'unchanged' });
    // The demo seeds orders of its own; this SAP order id exists once.
    expect(await db().select().from(orders).where(eq(orders.sapOrderId, ORDER.sapOrderId))).toHaveLength(1);
  });

  it('updates a known order (200 updated) and records the changed fields only', async () => {
    const res = await post({ ...ORDER, licenceCount: 30 });
    expect(res.status).toBe(200);
    const { id, outcome } = await res.json();
    expect(outcome).toBe('updated');
    const edits = (await db().select().from(events).where(eq(events.assetId, id))).filter((e) => e.action === 'Edit');
    expect(edits).toHaveLength(1);
    expect(edits[0]!.coreDetails).toMatchObject({ before: { licenceCount: 25 }, after: { licenceCount: 30 } });
  });

  it('writes one order when the same new order arrives twice at once', async () => {
    const twin = { ...ORDER, sapOrderId: 'SAP-TWIN-1' };
    const results = await Promise.all([post(twin), post(twin), post(twin)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await db().select().from(orders).where(eq(orders.sapOrderId, 'SAP-TWIN-1'))).toHaveLength(1);
  });

  it('keeps the same SAP order id apart per partner organisation', async () => {
    const res = await post(ORDER, `Bearer ${otherKey}`);
    expect(res.status).toBe(201);
    expect(await db().select().from(orders).where(eq(orders.sapOrderId, ORDER.sapOrderId))).toHaveLength(2);
  });

  it('refuses bad payloads with 400 and an English message per field, writing nothing', async () => {
    const before = (await db().select().from(orders)).length;
    const res = await post({ ...ORDER, sapOrderId: 'SAP-BAD', product: 'miteamMeetings', licenceCount: 0, expiresOn: '2026-02-30', trackingNumber: '', extra: 1 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('errors.validation');
    expect(Object.keys(body.fieldErrors).sort()).toEqual(['_form', 'expiresOn', 'level', 'licenceCount', 'trackingNumber']);
    expect(body.fieldErrors.licenceCount[0]).toEqual({ error: 'orders.api.errors.licenceCount', message: 'The number of licences must be a whole number from 1 to 100,000.' });

    const rules = await (await post({ ...ORDER, sapOrderId: 'SAP-BAD-2', level: null, perpetual: true })).json();
    expect(rules.fieldErrors).toEqual({
      level: [expect.objectContaining({ error: 'orders.api.errors.levelRequired' })],
      expiresOn: [expect.objectContaining({ error: 'orders.api.errors.perpetualExpiry' })],
    });
    expect((await post('{"sapOrderId": ')).status).toBe(400);
    expect((await post(ORDER, `Bearer ${key}`, 'text/plain')).status).toBe(415);
    expect((await db().select().from(orders)).length).toBe(before);
  });

  it('answers 401 to a missing, malformed, unknown or revoked key', async () => {
    for (const auth of [null, 'Basic abc', `Bearer ${key}x`, `Bearer mab_${'A'.repeat(43)}`]) {
      const res = await post(ORDER, auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'orders.api.errors.unauthenticated' });
    }
    const [row] = await listApiKeys(db(), partner);
    await revokeApiKey({ ctx: { actor: partner }, input: { keyId: row!.id } });
    expect((await post(ORDER)).status).toBe(401);
  });
});
