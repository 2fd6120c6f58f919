import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orders, userLicences, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { DomainError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { assignLicences, unassignLicences } from '@/lib/licences/assign-licences';
import { poolOf } from '@/lib/licences/pool';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { addUser, rejection } from '../users/fixtures';

let contoso: Account;
let fabrikam: Account;
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

const assign = (actor: Actor, accountId: string, userIds: string[], kind: object) => assignLicences({ ctx: { actor }, input: { accountId, userIds, kind } });
const unassign = (actor: Actor, accountId: string, userIds: string[], kind: object) => unassignLicences({ ctx: { actor }, input: { accountId, userIds, kind } });

async function moreNeeded(promise: Promise<unknown>): Promise<number> {
  const e = (await rejection(promise)) as DomainError;
  expect(e).toBeInstanceOf(DomainError);
  expect({ key: e.messageKey, status: e.status }).toEqual({ key: 'licences.errors.moreNeeded', status: 409 });
  return e.params.count as number;
}

beforeAll(async () => {
  ({ contoso, fabrikam } = await seedTenants());
  alice = await actorFor(EMAIL.alice);
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
    expect(await assign(alice, contoso.id, three, PREMIER)).toEqual({ assigned: 3 });
    expect(await poolOf(db(), contoso.id, PREMIER)).toEqual({ owned: 8, inUse: 3 });

    const seven = await newUsers(contoso, 7, 'more');
    // 5 free, 7 asked (plus the 3 who hold it already, which cost nothing): 2 more needed.
    expect(await moreNeeded(assign(alice, contoso.id, [...three, ...seven], PREMIER))).toBe(2);
    expect(await poolOf(db(), contoso.id, PREMIER)).toEqual({ owned: 8, inUse: 3 });

    // Unassigning frees licences: with two of the three freed, all seven fit.
    expect(await unassign(alice, contoso.id, three.slice(0, 2), PREMIER)).toEqual({ unassigned: 2 });
    expect(await assign(alice, contoso.id, seven, PREMIER)).toEqual({ assigned: 7 });
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
  const integration = async (actor: Actor, accountId: string, integrationId: string, on: boolean) =>
    (on ? addAccountIntegration : removeAccountIntegration)({ ctx: { actor }, input: { accountId, integrationId } });

  it('removing MiTeam Meetings while MiCollab is integrated keeps the licences; without MiCollab it revokes them all', async () => {
    const partner = await actorFor(EMAIL.partner);
    expect((await poolOf(db(), fabrikam.id, MITEAM)).inUse).toBe(10);
    await integration(partner, fabrikam.id, 'micollab', true);
    await integration(partner, fabrikam.id, 'miteamMeetings', true);
    await integration(partner, fabrikam.id, 'miteamMeetings', false);
    expect((await poolOf(db(), fabrikam.id, MITEAM)).inUse).toBe(10);

    // MiCollab off after MiTeam off: the licences stay.
    await integration(partner, fabrikam.id, 'micollab', false);
    expect((await poolOf(db(), fabrikam.id, MITEAM)).inUse).toBe(10);

    // MiTeam off after MiCollab off: all are revoked.
    await integration(partner, fabrikam.id, 'miteamMeetings', true);
    await integration(partner, fabrikam.id, 'miteamMeetings', false);
    expect((await poolOf(db(), fabrikam.id, MITEAM)).inUse).toBe(0);
  });
});
