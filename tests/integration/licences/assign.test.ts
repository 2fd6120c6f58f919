import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, orders, userLicences, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { DomainError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { addUserProduct } from '@/lib/licences/add-user-product';
import { licenceOverview } from '@/lib/licences/licence-overview';
import { applyLicences } from '@/lib/licences/apply-licences';
import { poolOf } from '@/lib/licences/pool';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { addUser, rejection } from '../users/fixtures';

let contoso: Account;
let fabrikam: Account;
let globex: Account;
let gina: Actor;
let alice: Actor;
const PREMIER = { product: 'mitelOne', level: 'premier' } as const;
const MITEAM = { product: 'miteamMeetings', level: null } as const;

async function order(accountId: string, values: Partial<typeof orders.$inferInsert>) {
  await db()
    .insert(orders)
    .values({
      partnerOrgId: contoso.partnerOrgId,
      sapOrderId: `SAP-${randomUUID()}`,
      product: 'mitelOne',
      level: 'premier',
      licenceCount: 5,
      purchaseDate: '2026-01-01',
      expiresOn: '2099-12-31',
      trackingNumber: 'TRK-1',
      accountId,
      ...values,
    });
}

async function newUsers(account: Account, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await addUser(account.id, { email: `${tag}-${i}-${randomUUID().slice(0, 6)}@licences.example` })).id);
  return ids;
}

type Kind = { product: 'mitelOne'; level: 'essential' | 'premier' | 'elite' } | { product: 'miteamMeetings'; level: null };
const apply = (actor: Actor, accountId: string, userIds: string[] | null, change: object) => applyLicences({ ctx: { actor }, input: { accountId, userIds, change } });
const assign = (actor: Actor, accountId: string, userIds: string[], kind: Kind) =>
  apply(actor, accountId, userIds, kind.product === 'mitelOne' ? { product: 'mitelOne', level: kind.level } : { product: 'miteamMeetings', assign: true });
const unassign = (actor: Actor, accountId: string, userIds: string[], kind: Kind) =>
  apply(actor, accountId, userIds, kind.product === 'mitelOne' ? { product: 'mitelOne', level: 'deactivate' } : { product: 'miteamMeetings', assign: false });
const integrate = async (actor: Actor, accountId: string, integrationId: string, on = true) =>
  (on ? addAccountIntegration : removeAccountIntegration)({ ctx: { actor }, input: { accountId, integrationId } });

async function moreNeeded(promise: Promise<unknown>): Promise<number> {
  const e = (await rejection(promise)) as DomainError;
  expect(e).toBeInstanceOf(DomainError);
  expect({ key: e.messageKey, status: e.status }).toEqual({ key: 'licences.errors.moreNeeded', status: 409 });
  return e.params.count as number;
}

beforeAll(async () => {
  const tenants = await seedTenants();
  ({ contoso, fabrikam, globex } = tenants);
  gina = await actorFor(tenants.otherPartnerEmail);
  alice = await actorFor(EMAIL.alice);
  await integrate(await actorFor(EMAIL.partner), contoso.id, 'mitelOne');
  await integrate(await actorFor(EMAIL.partner), contoso.id, 'miteamMeetings');
  // Contoso owns 5 Premier + 3 Premier licences, plus orders that must not count.
  await order(contoso.id, { licenceCount: 5 });
  await order(contoso.id, { licenceCount: 3 });
  await order(contoso.id, { licenceCount: 50, expiresOn: '2020-12-31', purchaseDate: '2019-01-01' }); // expired
  await order(contoso.id, { licenceCount: 50, activation: 'pending' });
  await order(contoso.id, { licenceCount: 50, level: 'elite' }); // another level
  await order(fabrikam.id, { licenceCount: 50 }); // another account
});

describe('licence arithmetic (ORD-5, M1-2)', () => {
  it('counts only assigned, active, unexpired orders of the same product and level', async () => {
    expect(await poolOf(db(), contoso.id, PREMIER)).toEqual({ owned: 8, inUse: 0 });
  });

  it('gives Mitel One Premier to three users, and refuses a bulk request beyond the rest with the exact number', async () => {
    const three = await newUsers(contoso, 3, 'premier');
    expect(await assign(alice, contoso.id, three, PREMIER)).toEqual({ changed: 3 });
    expect(await poolOf(db(), contoso.id, PREMIER)).toEqual({ owned: 8, inUse: 3 });

    const seven = await newUsers(contoso, 7, 'more');
    // 5 free, 7 asked (plus the 3 who hold it already, which cost nothing): 2 more needed.
    expect(await moreNeeded(assign(alice, contoso.id, [...three, ...seven], PREMIER))).toBe(2);
    expect(await poolOf(db(), contoso.id, PREMIER)).toEqual({ owned: 8, inUse: 3 });

    // Unassigning frees licences: with two of the three freed, all seven fit.
    expect(await unassign(alice, contoso.id, three.slice(0, 2), PREMIER)).toEqual({ changed: 2 });
    expect(await assign(alice, contoso.id, seven, PREMIER)).toEqual({ changed: 7 });
    expect(await poolOf(db(), contoso.id, PREMIER)).toEqual({ owned: 8, inUse: 8 });
    expect(await moreNeeded(assign(alice, contoso.id, three.slice(2).concat(await newUsers(contoso, 1, 'one')), PREMIER))).toBe(1);
  });

  it('moves a Mitel One user to another level, consuming that level and freeing the old one', async () => {
    const [held] = await db().select().from(userLicences).where(and(eq(userLicences.accountId, contoso.id), eq(userLicences.level, 'premier'))).limit(1);
    await assign(alice, contoso.id, [held!.userId], { product: 'mitelOne', level: 'elite' });
    expect(await poolOf(db(), contoso.id, PREMIER)).toEqual({ owned: 8, inUse: 7 });
    expect(await poolOf(db(), contoso.id, { product: 'mitelOne', level: 'elite' })).toEqual({ owned: 50, inUse: 1 });
  });

  it('refuses without licences at all, for users of another account, and without Users "Edit"', async () => {
    const users = await newUsers(contoso, 2, 'miteam');
    expect(await moreNeeded(assign(alice, contoso.id, users, MITEAM))).toBe(2);
    const bram = await newUsers(fabrikam, 1, 'fab');
    expect(await rejection(assign(alice, contoso.id, bram, PREMIER))).toBeInstanceOf(NotFoundError);
    expect(await rejection(assign(alice, fabrikam.id, bram, PREMIER))).toBeInstanceOf(NotFoundError);
    expect(await rejection(assign(await actorFor(EMAIL.uma), contoso.id, users, PREMIER))).toBeInstanceOf(ForbiddenError);
  });
});

describe('never over-assigned under concurrent requests (ORD-5)', () => {
  it('50 parallel single-licence assignments against 10 free licences: exactly 10 assigned, 40 clear refusals', async () => {
    await order(fabrikam.id, { product: 'miteamMeetings', level: null, licenceCount: 10 });
    const partner = await actorFor(EMAIL.partner);
    await integrate(partner, fabrikam.id, 'miteamMeetings');
    const fifty = await newUsers(fabrikam, 50, 'race');
    const results = await Promise.allSettled(fifty.map((id) => assign(partner, fabrikam.id, [id], MITEAM)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const e of refused) expect({ key: e.messageKey, count: e.params.count }).toEqual({ key: 'licences.errors.moreNeeded', count: 1 });
    expect(await poolOf(db(), fabrikam.id, MITEAM)).toEqual({ owned: 10, inUse: 10 });
  });
});

describe('MiTeam Meetings licences when the integrations go (MTM-2)', () => {
  it('removing MiTeam Meetings while MiCollab is integrated keeps the licences; without MiCollab it revokes them all', async () => {
    const partner = await actorFor(EMAIL.partner);
    expect((await poolOf(db(), fabrikam.id, MITEAM)).inUse).toBe(10);
    await integrate(partner, fabrikam.id, 'micollab', true);
    // While MiCollab is integrated it manages the licences: the portal refuses to change them.
    const managed = (await rejection(assign(partner, fabrikam.id, await newUsers(fabrikam, 1, 'mc'), MITEAM))) as DomainError;
    expect(managed.messageKey).toBe('licences.errors.managedByMicollab');
    await integrate(partner, fabrikam.id, 'miteamMeetings', false);
    expect((await poolOf(db(), fabrikam.id, MITEAM)).inUse).toBe(10);

    // MiCollab off after MiTeam off: the licences stay.
    await integrate(partner, fabrikam.id, 'micollab', false);
    expect((await poolOf(db(), fabrikam.id, MITEAM)).inUse).toBe(10);

    // MiTeam off after MiCollab off: all are revoked.
    await integrate(partner, fabrikam.id, 'miteamMeetings', true);
    await integrate(partner, fabrikam.id, 'miteamMeetings', false);
    expect((await poolOf(db(), fabrikam.id, MITEAM)).inUse).toBe(0);
  });
});

/** The Mitel One products of some users, as `level/features` for compact comparisons. */
async function holdings(userIds: string[]): Promise<Record<string, string | null>> {
  const rows = await db().select().from(userLicences).where(eq(userLicences.product, 'mitelOne'));
  const by = new Map(rows.map((r) => [r.userId, `${r.level ?? 'setup'}/${['chat', 'miteamMeetings', 'telephony'].map((f) => ((r.features as Record<string, boolean>)[f] === false ? '-' : '+')).join('')}`]));
  return Object.fromEntries(userIds.map((id, i) => [i, by.get(id) ?? null]));
}

describe('the Mitel One bulk override and its feature toggles (M1-2)', () => {
  let four: string[];
  beforeAll(async () => {
    await integrate(gina, globex.id, 'mitelOne');
    const orgOrder = async (level: 'essential' | 'premier', licenceCount: number) =>
      db().insert(orders).values({ partnerOrgId: globex.partnerOrgId, accountId: globex.id, sapOrderId: `SAP-${randomUUID()}`, product: 'mitelOne', level, licenceCount, purchaseDate: '2026-01-01', expiresOn: '2099-12-31', trackingNumber: 'TRK-G' });
    await orgOrder('essential', 10);
    await orgOrder('premier', 3);
    four = await newUsers(globex, 4, 'override');
  });

  it('"+ Add product" gives Mitel One without a licence; "Finish setup" with a level consumes one; adding twice is refused', async () => {
    const [user] = four;
    await addUserProduct({ ctx: { actor: gina }, input: { accountId: globex.id, userId: user, product: 'mitelOne' } });
    expect(await holdings([user!])).toEqual({ 0: 'setup/+++' });
    expect((await poolOf(db(), globex.id, { product: 'mitelOne', level: 'essential' })).inUse).toBe(0);
    const again = (await rejection(addUserProduct({ ctx: { actor: gina }, input: { accountId: globex.id, userId: user, product: 'mitelOne' } }))) as DomainError;
    expect(again.messageKey).toBe('licences.errors.alreadyAdded');
    await apply(gina, globex.id, [user!], { product: 'mitelOne', level: 'essential', features: { chat: 'off' } });
    expect(await holdings([user!])).toEqual({ 0: 'essential/-++' });
    expect((await poolOf(db(), globex.id, { product: 'mitelOne', level: 'essential' })).inUse).toBe(1);
  });

  it('a level for every user of the account; feature toggles apply only where the level allows them', async () => {
    // Every user of Globex (the four) gets Essential; MiTeam Meetings "on" does not reach Essential users.
    expect(await apply(gina, globex.id, null, { product: 'mitelOne', level: 'essential', features: { miteamMeetings: 'off', telephony: 'off' } })).toEqual({ changed: 4 });
    expect(await holdings(four)).toEqual({ 0: 'essential/-+-', 1: 'essential/++-', 2: 'essential/++-', 3: 'essential/++-' });

    // Two move to Premier, which allows MiTeam Meetings: "leave all unchanged" + MiTeam off touches only them.
    await apply(gina, globex.id, four.slice(2), { product: 'mitelOne', level: 'premier' });
    expect(await apply(gina, globex.id, null, { product: 'mitelOne', level: 'unchanged', features: { miteamMeetings: 'off' } })).toEqual({ changed: 2 });
    expect(await holdings(four)).toEqual({ 0: 'essential/-+-', 1: 'essential/++-', 2: 'premier/+--', 3: 'premier/+--' });
    expect((await poolOf(db(), globex.id, { product: 'mitelOne', level: 'essential' })).inUse).toBe(2);
  });

  it('asking what users already have changes nothing and records nothing', async () => {
    const before = await db().select().from(events).where(eq(events.asset, 'Licence'));
    expect(await apply(gina, globex.id, four.slice(2), { product: 'mitelOne', level: 'premier', features: { telephony: 'off' } })).toEqual({ changed: 0 });
    expect(await db().select().from(events).where(eq(events.asset, 'Licence'))).toHaveLength(before.length);
  });

  it('refuses a level for more users than its free licences plus what they hold, with the exact number, and changes nobody', async () => {
    // Premier: 3 owned, 2 held (by users 2 and 3). All four asked: 2 newcomers, 1 free → 1 more needed.
    expect(await moreNeeded(apply(gina, globex.id, null, { product: 'mitelOne', level: 'premier', features: { chat: 'off' } }))).toBe(1);
    expect(await holdings(four)).toEqual({ 0: 'essential/-+-', 1: 'essential/++-', 2: 'premier/+--', 3: 'premier/+--' });
  });

  it('"deactivate all" takes Mitel One from every selected user, records a Delete each, and frees their licences', async () => {
    expect(await apply(gina, globex.id, four.slice(0, 3), { product: 'mitelOne', level: 'deactivate' })).toEqual({ changed: 3 });
    expect(await holdings(four)).toEqual({ 0: null, 1: null, 2: null, 3: 'premier/+--' });
    const deleted = await db().select().from(events).where(and(eq(events.asset, 'Licence'), eq(events.action, 'Delete'), eq(events.accountId, globex.id)));
    expect(deleted.map((e) => e.assetId).sort()).toEqual(four.slice(0, 3).map((id) => `${id}:mitelOne`).sort());
  });

  it('refuses "leave all unchanged" with nothing else, Mitel One without the integration, and a user of another account', async () => {
    const noop = await rejection(apply(gina, globex.id, null, { product: 'mitelOne', level: 'unchanged', features: { chat: 'unchanged' } }));
    expect(noop).toMatchObject({ fieldErrors: { 'change.level': ['licences.errors.nothingToChange'] } });
    const notIntegrated = (await rejection(apply(gina, globex.id, null, { product: 'miteamMeetings', assign: true }))) as DomainError;
    expect(notIntegrated.messageKey).toBe('licences.errors.notIntegrated');
    const [stranger] = await newUsers(contoso, 1, 'stranger');
    expect(await rejection(apply(gina, globex.id, [stranger!], { product: 'mitelOne', level: 'essential' }))).toBeInstanceOf(NotFoundError);
  });

  it('shows the Manage panel what the account owns, uses and has free, and what the selection holds', async () => {
    const overview = await licenceOverview(db(), gina, { accountId: globex.id, userIds: four.slice(2) });
    expect(overview.selected).toBe(2);
    expect(overview.mitelOne?.levels.map(({ level, owned, inUse, free, heldBySelected }) => [level, owned, inUse, free, heldBySelected])).toEqual([
      ['essential', 10, 0, 10, 0],
      ['premier', 3, 1, 2, 1],
      ['elite', 0, 0, 0, 0],
    ]);
    expect(overview.mitelOne?.selectedWithout).toBe(1);
    // MTM-2: no MiTeam Meetings figures without the integration (and without a MiTeam order).
    expect(overview.miteam).toBeNull();
    expect((await licenceOverview(db(), gina, { accountId: globex.id, userIds: null })).selected).toBe(4);
  });
});

describe('MiTeam Meetings for every user (MTM-1 "Assign all" / "Unassign all")', () => {
  it('assigns to every user who lacks it, or to none, and unassigns from all', async () => {
    const partner = await actorFor(EMAIL.partner);
    const account = contoso;
    const [{ n: userCount }] = (await db().execute(sql`select count(*)::int as n from users where account_id = ${account.id}`)) as unknown as [{ n: number }];
    const pool = await poolOf(db(), account.id, MITEAM);
    // No MiTeam order yet for Contoso: "assign all" needs one licence per user.
    expect(await moreNeeded(apply(partner, account.id, null, { product: 'miteamMeetings', assign: true }))).toBe(userCount - pool.inUse);
    await order(account.id, { product: 'miteamMeetings', level: null, licenceCount: userCount });
    expect((await licenceOverview(db(), partner, { accountId: account.id, userIds: null })).miteam).toMatchObject({ owned: userCount, free: userCount });
    expect(await apply(partner, account.id, null, { product: 'miteamMeetings', assign: true })).toEqual({ changed: userCount });
    expect(await poolOf(db(), account.id, MITEAM)).toEqual({ owned: userCount, inUse: userCount });
    expect(await apply(partner, account.id, null, { product: 'miteamMeetings', assign: false })).toEqual({ changed: userCount });
    expect((await poolOf(db(), account.id, MITEAM)).inUse).toBe(0);
  });
});
