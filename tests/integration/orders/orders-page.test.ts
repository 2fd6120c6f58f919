import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountManagerAssignments, events, orders, users, type Account, type NewOrder } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type DomainError } from '@/lib/errors';
import { assignOrder } from '@/lib/orders/assign-order';
import { listOrders, type OrderListParams } from '@/lib/orders/list-orders';
import { todayUtc } from '@/lib/orders/status';
import { actorFor, baseRoleId, EMAIL, seedTenants, userByEmail } from '../helpers';
import { rejection } from '../users/fixtures';

let contoso: Account;
let fabrikam: Account;
let globex: Account;
let otherPartnerEmail: string;
let partner: Actor;
const MANAGER = 'orders.manager@northwind.example';
const today = todayUtc();
const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function orderId(sapOrderId: string): Promise<string> {
  const [row] = await db().select({ id: orders.id }).from(orders).where(eq(orders.sapOrderId, sapOrderId));
  if (!row) throw new Error(`no order ${sapOrderId}`);
  return row.id;
}

const base = (partnerOrgId: string, sapOrderId: string, extra: Partial<NewOrder> = {}): NewOrder => ({
  partnerOrgId,
  sapOrderId,
  product: 'miteamMeetings',
  licenceCount: 5,
  termMonths: 12,
  purchaseDate: shift(-10),
  expiresOn: shift(300),
  trackingNumber: `TRK-${sapOrderId}`,
  ...extra,
});

beforeAll(async () => {
  ({ contoso, fabrikam, globex, otherPartnerEmail } = await seedTenants());
  partner = await actorFor(EMAIL.partner);
  const northwind = (await userByEmail(EMAIL.partner)).partnerOrgId!;
  // One order on Contoso (the demo keeps Contoso free) for the account-manager scope, one of another partner.
  await db()
    .insert(orders)
    .values([
      base(northwind, 'SAP-TEST-CONTOSO', { accountId: contoso.id, assignedAt: new Date(), customerPo: 'CONTOSO-PO-1' }),
      base(globex.partnerOrgId, 'SAP-GLOBEX-1', { trackingNumber: 'TRK-NW-240101-GLOBEX' }),
    ]);
  const [manager] = await db()
    .insert(users)
    .values({ partnerOrgId: northwind, email: MANAGER, displayName: 'Olga Orders', roleId: await baseRoleId('partner'), isAccountManager: true, registeredAt: new Date() })
    .returning();
  await db().insert(accountManagerAssignments).values({ userId: manager!.id, accountId: fabrikam.id });
});

const list = async (actor: Actor, params: Partial<OrderListParams> = {}) => (await listOrders(db(), actor, params)).rows;
const sapIds = (rows: { sapOrderId: string }[]) => rows.map((r) => r.sapOrderId).sort();
const assign = (actor: Actor, input: Record<string, unknown>) => assignOrder({ ctx: { actor }, input });

async function refusal(promise: Promise<unknown>, type: typeof ConflictError | typeof NotFoundError | typeof ForbiddenError | typeof ValidationError, key?: string) {
  const error = (await rejection(promise)) as DomainError;
  expect(error).toBeInstanceOf(type);
  if (key) expect(error.messageKey).toBe(key);
  return error;
}

describe('listOrders (ORD-1, ORD-2)', () => {
  it('lists the demo orders with their computed status, newest purchase first', async () => {
    const page = await listOrders(db(), partner, {});
    expect(page.total).toBe(9);
    expect(page.nextCursor).toBeNull();
    const status = Object.fromEntries(page.rows.map((r) => [r.sapOrderId, r.status]));
    expect(status).toMatchObject({
      'SAP-4500100101': 'ASSIGN',
      'SAP-4500100103': 'ACTIVE',
      'SAP-4500100104': 'PERPETUAL',
      'SAP-4500100105': 'PENDING_ACTIVATION',
      'SAP-4500100106': 'EXPIRED',
      'SAP-4500100107': 'EXPIRING_SOON',
    });
    expect(page.rows.find((r) => r.sapOrderId === 'SAP-4500100103')?.accountName).toBe('Fabrikam BV');
    const dates = page.rows.map((r) => r.purchaseDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filters the Unassigned and Expired views', async () => {
    expect(sapIds(await list(partner, { view: 'expired' }))).toEqual(['SAP-4500100106']);
    expect(sapIds(await list(partner, { view: 'unassigned' }))).toEqual(['SAP-4500100101', 'SAP-4500100102', 'SAP-4500100104', 'SAP-4500100105', 'SAP-4500100107', 'SAP-4500100108']);
  });

  it('searches by tracking number, purchase orders, SAP order id, account name and expiry date', async () => {
    expect(sapIds(await list(partner, { q: 'trk-nw-240107' }))).toEqual(['SAP-4500100107']);
    expect(sapIds(await list(partner, { q: 'NW-PO-2026-110' }))).toEqual(['SAP-4500100105']);
    expect(sapIds(await list(partner, { q: 'CUST-PO-9034' }))).toEqual(['SAP-4500100108']);
    expect(sapIds(await list(partner, { q: '4500100102' }))).toEqual(['SAP-4500100102']);
    expect(sapIds(await list(partner, { q: 'fabrik' }))).toEqual(['SAP-4500100103']);
    expect(sapIds(await list(partner, { q: 'contoso' }))).toEqual(['SAP-TEST-CONTOSO']);
    expect(sapIds(await list(partner, { q: shift(14) }))).toEqual(['SAP-4500100107']);
    // LIKE's own characters are taken literally.
    expect(await list(partner, { q: '%' })).toEqual([]);
    expect(sapIds(await list(partner, { view: 'expired', q: 'TRK-NW-240107' }))).toEqual([]);
  });

  it('pages with a keyset cursor and ignores a tampered one', async () => {
    const many = Array.from({ length: 30 }, (_, i) => base(globex.partnerOrgId, `SAP-PAGE-${String(i).padStart(2, '0')}`, { purchaseDate: shift(-i) }));
    await db().insert(orders).values(many);
    const other = await actorFor(otherPartnerEmail);
    const first = await listOrders(db(), other, {});
    expect(first.total).toBe(31);
    expect(first.rows).toHaveLength(25);
    const second = await listOrders(db(), other, { cursor: first.nextCursor! });
    expect(second.rows).toHaveLength(6);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(31);
    expect((await listOrders(db(), other, { cursor: 'bm90LWEtY3Vyc29y' })).rows).toHaveLength(25);
  });

  it("keeps each partner to its own organisation's orders", async () => {
    const other = await actorFor(otherPartnerEmail);
    expect((await list(other, { q: 'TRK-NW-240101' })).map((r) => r.sapOrderId)).toEqual(['SAP-GLOBEX-1']);
    expect((await list(partner, {})).some((r) => r.sapOrderId.startsWith('SAP-GLOBEX') || r.sapOrderId.startsWith('SAP-PAGE'))).toBe(false);
  });

  it('shows an account manager the unassigned orders and those of its accounts only', async () => {
    const manager = await actorFor(MANAGER);
    const seen = sapIds(await list(manager));
    expect(seen).toContain('SAP-4500100103');
    expect(seen).toContain('SAP-4500100101');
    expect(seen).not.toContain('SAP-TEST-CONTOSO');
    expect(await list(manager, { q: 'contoso' })).toEqual([]);
  });

  it('does not exist for account users', async () => {
    await refusal(listOrders(db(), await actorFor(EMAIL.alice), {}), NotFoundError);
  });
});

describe('assignOrder (ORD-3)', () => {
  it('assigns an order to an account of the partner and records an event', async () => {
    const id = await orderId('SAP-4500100101');
    expect(await assign(partner, { orderId: id, accountId: contoso.id })).toEqual({ orderId: id, accountId: contoso.id, accountName: 'Contoso Ltd' });
    const [row] = await db().select().from(orders).where(eq(orders.id, id));
    expect(row?.accountId).toBe(contoso.id);
    expect(row?.assignedAt).toBeInstanceOf(Date);
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.asset, 'Order'), eq(events.assetId, id), eq(events.action, 'Edit')));
    expect(event).toMatchObject({ accountId: contoso.id, partnerOrgId: contoso.partnerOrgId, actorName: partner.name });
    expect((await list(partner, { q: 'TRK-NW-240101' }))[0]).toMatchObject({ accountName: 'Contoso Ltd', status: 'ACTIVE' });
  });

  it('refuses an order that is already assigned', async () => {
    await refusal(assign(partner, { orderId: await orderId('SAP-4500100101'), accountId: fabrikam.id }), ConflictError, 'orders.page.errors.alreadyAssigned');
    await refusal(assign(partner, { orderId: await orderId('SAP-4500100103'), accountId: contoso.id }), ConflictError, 'orders.page.errors.alreadyAssigned');
  });

  it('refuses expired orders and orders pending activation', async () => {
    await refusal(assign(partner, { orderId: await orderId('SAP-4500100106'), accountId: contoso.id }), ConflictError, 'orders.page.errors.notAssignable');
    await refusal(assign(partner, { orderId: await orderId('SAP-4500100105'), accountId: contoso.id }), ConflictError, 'orders.page.errors.notAssignable');
  });

  it("throws NotFound for an account or an order of another partner, or a malformed id", async () => {
    await refusal(assign(partner, { orderId: await orderId('SAP-4500100102'), accountId: globex.id }), NotFoundError);
    await refusal(assign(partner, { orderId: await orderId('SAP-GLOBEX-1'), accountId: contoso.id }), NotFoundError);
    await refusal(assign(partner, { orderId: 'not-a-uuid', accountId: contoso.id }), NotFoundError);
    await refusal(assign(partner, { orderId: await orderId('SAP-4500100102') }), ValidationError);
    const [row] = await db().select().from(orders).where(eq(orders.sapOrderId, 'SAP-GLOBEX-1'));
    expect(row?.accountId).toBeNull();
  });

  it('forbids account admins, and keeps account managers to their accounts', async () => {
    await refusal(assign(await actorFor(EMAIL.alice), { orderId: await orderId('SAP-4500100102'), accountId: contoso.id }), ForbiddenError);
    const manager = await actorFor(MANAGER);
    await refusal(assign(manager, { orderId: await orderId('SAP-4500100102'), accountId: contoso.id }), NotFoundError);
    // An order on an account it does not manage looks absent rather than "already assigned".
    await refusal(assign(manager, { orderId: await orderId('SAP-TEST-CONTOSO'), accountId: fabrikam.id }), NotFoundError);
    expect((await assign(manager, { orderId: await orderId('SAP-4500100102'), accountId: fabrikam.id })).accountName).toBe('Fabrikam BV');
  });
});
