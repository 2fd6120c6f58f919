import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountManagerAssignments, accounts, users, type Account } from '@/db/schema';
import { countAccountsInScope, countUsersOfAccount, listAccountsInScope, searchAccountsInScope } from '@/lib/accounts/list-accounts';
import { getAccountInScope } from '@/lib/accounts/scope';
import { NotFoundError } from '@/lib/errors';
import { actorFor, baseRoleId, EMAIL, seedTenants, userByEmail } from '../helpers';

let contoso: Account;
let fabrikam: Account;
let globex: Account;
let otherPartnerEmail: string;
const MANAGER = 'manager@northwind.example';

beforeAll(async () => {
  ({ contoso, fabrikam, globex, otherPartnerEmail } = await seedTenants());
  const partner = await userByEmail(EMAIL.partner);
  // Special characters for the LIKE-escaping checks; same organisation as the demo accounts.
  await db()
    .insert(accounts)
    .values([
      { partnerOrgId: partner.partnerOrgId, name: '100% Telecom', country: 'GB', status: 'deactivated' },
      { partnerOrgId: partner.partnerOrgId, name: 'Under_Score Ltd', country: 'GB' },
    ]);
  const [manager] = await db()
    .insert(users)
    .values({
      partnerOrgId: partner.partnerOrgId,
      email: MANAGER,
      displayName: 'Mia Manager',
      roleId: await baseRoleId('partner'),
      isAccountManager: true,
      registeredAt: new Date(),
    })
    .returning();
  await db().insert(accountManagerAssignments).values({ userId: manager!.id, accountId: fabrikam.id });
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('getAccountInScope (tenancy)', () => {
  it("lets a partner admin open its organisation's accounts", async () => {
    const partner = await actorFor(EMAIL.partner);
    expect((await getAccountInScope(db(), partner, contoso.id)).name).toBe('Contoso Ltd');
    expect((await getAccountInScope(db(), partner, fabrikam.id)).name).toBe('Fabrikam BV');
  });

  it("answers NotFound for another partner organisation's account, both ways", async () => {
    const partner = await actorFor(EMAIL.partner);
    const other = await actorFor(otherPartnerEmail);
    await expect(getAccountInScope(db(), partner, globex.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAccountInScope(db(), other, contoso.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getAccountInScope(db(), other, globex.id)).name).toBe('Globex Fabrication');
  });

  it('lets account users open only their own account', async () => {
    for (const email of [EMAIL.alice, EMAIL.uma]) {
      const actor = await actorFor(email);
      expect((await getAccountInScope(db(), actor, contoso.id)).id).toBe(contoso.id);
      await expect(getAccountInScope(db(), actor, fabrikam.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getAccountInScope(db(), actor, globex.id)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it('answers NotFound for ids that are not uuids or do not exist', async () => {
    const partner = await actorFor(EMAIL.partner);
    for (const id of ['', 'contoso', `${contoso.id}x`, "' or 1=1 --", '00000000-0000-4000-8000-000000000000']) {
      await expect(getAccountInScope(db(), partner, id)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it('lets an account manager open only its assigned accounts', async () => {
    const manager = await actorFor(MANAGER);
    expect((await getAccountInScope(db(), manager, fabrikam.id)).id).toBe(fabrikam.id);
    await expect(getAccountInScope(db(), manager, contoso.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAccountInScope(db(), manager, globex.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('listAccountsInScope / countAccountsInScope', () => {
  it("lists the partner organisation's accounts by name and counts the active ones", async () => {
    const partner = await actorFor(EMAIL.partner);
    const list = await listAccountsInScope(db(), partner);
    expect(names(list)).toEqual(['100% Telecom', 'Contoso Ltd', 'Fabrikam BV', 'Under_Score Ltd']);
    expect(list.find((a) => a.name === 'Contoso Ltd')).toMatchObject({ id: contoso.id, status: 'active', country: 'GB' });
    expect(list.find((a) => a.name === '100% Telecom')?.status).toBe('deactivated');
    expect(await countAccountsInScope(db(), partner)).toEqual({ total: 4, active: 3 });
    expect(names(await listAccountsInScope(db(), partner, 2))).toEqual(['100% Telecom', 'Contoso Ltd']);
  });

  it('shows how many users each account has (dashboard "N users")', async () => {
    const list = await listAccountsInScope(db(), await actorFor(EMAIL.partner));
    const counts = Object.fromEntries(list.map((a) => [a.name, a.userCount]));
    expect(counts).toEqual({ '100% Telecom': 0, 'Contoso Ltd': 4, 'Fabrikam BV': 3, 'Under_Score Ltd': 0 });
  });

  it("summarises an account's users: total, registered and admins", async () => {
    expect(await countUsersOfAccount(db(), contoso.id)).toEqual({ total: 4, registered: 2, admins: 1 });
    expect(await countUsersOfAccount(db(), fabrikam.id)).toEqual({ total: 3, registered: 2, admins: 1 });
  });

  it('shows another partner organisation only its own accounts', async () => {
    const other = await actorFor(otherPartnerEmail);
    expect(names(await listAccountsInScope(db(), other))).toEqual(['Globex Fabrication']);
    expect(await countAccountsInScope(db(), other)).toEqual({ total: 1, active: 1 });
  });

  it('shows account users and account managers only what they may reach', async () => {
    const alice = await actorFor(EMAIL.alice);
    expect(names(await listAccountsInScope(db(), alice))).toEqual(['Contoso Ltd']);
    expect(await countAccountsInScope(db(), alice)).toEqual({ total: 1, active: 1 });
    const manager = await actorFor(MANAGER);
    expect(names(await listAccountsInScope(db(), manager))).toEqual(['Fabrikam BV']);
    expect(await countAccountsInScope(db(), manager)).toEqual({ total: 1, active: 1 });
  });

  it('shows an account manager without assignments nothing', async () => {
    const manager = await userByEmail(MANAGER);
    await db().delete(accountManagerAssignments).where(eq(accountManagerAssignments.userId, manager.id));
    try {
      const actor = await actorFor(MANAGER);
      expect(await listAccountsInScope(db(), actor)).toEqual([]);
      expect(await countAccountsInScope(db(), actor)).toEqual({ total: 0, active: 0 });
      await expect(getAccountInScope(db(), actor, fabrikam.id)).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await db().insert(accountManagerAssignments).values({ userId: manager.id, accountId: fabrikam.id });
    }
  });
});

describe('searchAccountsInScope (header search)', () => {
  it('finds accounts by a case-insensitive part of the name, within the organisation only', async () => {
    const partner = await actorFor(EMAIL.partner);
    expect(names(await searchAccountsInScope(db(), partner, 'fab'))).toEqual(['Fabrikam BV']);
    expect(names(await searchAccountsInScope(db(), partner, '  CONTOSO '))).toEqual(['Contoso Ltd']);
    expect(names(await searchAccountsInScope(db(), partner, 'ltd'))).toEqual(['Contoso Ltd', 'Under_Score Ltd']);
    const other = await actorFor(otherPartnerEmail);
    expect(names(await searchAccountsInScope(db(), other, 'fab'))).toEqual(['Globex Fabrication']);
  });

  it('finds nothing for account users', async () => {
    for (const email of [EMAIL.alice, EMAIL.uma]) {
      expect(await searchAccountsInScope(db(), await actorFor(email), 'contoso')).toEqual([]);
    }
  });

  it('keeps an account manager to its assigned accounts', async () => {
    const manager = await actorFor(MANAGER);
    expect(names(await searchAccountsInScope(db(), manager, 'fab'))).toEqual(['Fabrikam BV']);
    expect(await searchAccountsInScope(db(), manager, 'contoso')).toEqual([]);
  });

  it('treats LIKE wildcards in the query literally', async () => {
    const partner = await actorFor(EMAIL.partner);
    expect(names(await searchAccountsInScope(db(), partner, '%'))).toEqual(['100% Telecom']);
    expect(names(await searchAccountsInScope(db(), partner, '_'))).toEqual(['Under_Score Ltd']);
    expect(await searchAccountsInScope(db(), partner, 'c%o')).toEqual([]);
    expect(await searchAccountsInScope(db(), partner, '\\')).toEqual([]);
  });
});
