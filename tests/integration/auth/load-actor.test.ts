import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountManagerAssignments, accounts, rolePermissions, roles, users } from '@/db/schema';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import type { Permission } from '@/lib/authz/types';
import { EMAIL, accountByName, baseRoleId, seed, userByEmail } from '../helpers';

beforeAll(seed);

async function load(email: string) {
  const user = await userByEmail(email);
  return loadSignedInUser(db(), user.id, user.sessionVersion);
}

describe('loadSignedInUser (every request)', () => {
  it('builds a partner admin with the full partner permission set and no account', async () => {
    const partner = await userByEmail(EMAIL.partner);
    const signedIn = await load(EMAIL.partner);
    expect(signedIn).toMatchObject({ email: EMAIL.partner, accountName: null, accountDefaultLanguage: null, isPasswordUser: true });
    expect(signedIn?.actor).toMatchObject({
      userId: partner.id,
      kind: 'partner',
      name: 'Pat Partner',
      partnerOrgId: partner.partnerOrgId,
      accountId: null,
      roleId: partner.roleId,
      baseRole: 'partner',
      managedAccountIds: null,
    });
    const perms = signedIn!.actor.permissions;
    const expected: Permission[] = ['account.view', 'account.add', 'account.delete', 'users.delete', 'roles.add', 'orders.view', 'developer.view'];
    for (const p of expected) {
      expect(perms.has(p), p).toBe(true);
    }
  });

  it('builds an account admin scoped to its account, without partner-only permissions', async () => {
    const contoso = await accountByName('Contoso Ltd');
    const signedIn = await load(EMAIL.alice);
    expect(signedIn).toMatchObject({ accountName: 'Contoso Ltd', accountDefaultLanguage: 'en' });
    expect(signedIn?.actor).toMatchObject({ kind: 'accountUser', baseRole: 'admin', accountId: contoso.id, managedAccountIds: null });
    const perms = signedIn!.actor.permissions;
    expect(perms.has('users.delete')).toBe(true);
    expect(perms.has('account.view')).toBe(true);
    expect(perms.has('account.add')).toBe(false);
    expect(perms.has('orders.view')).toBe(false);
    expect(perms.has('roles.add')).toBe(false);
  });

  it('gives a plain user no matrix permissions at all', async () => {
    const signedIn = await load(EMAIL.uma);
    expect(signedIn?.actor).toMatchObject({ kind: 'accountUser', baseRole: 'user' });
    expect([...signedIn!.actor.permissions]).toEqual([]);
  });

  it('reports the account language for Dutch account users', async () => {
    expect((await load(EMAIL.bram))?.accountDefaultLanguage).toBe('nl');
  });

  it('ends the session when the session version no longer matches', async () => {
    const uma = await userByEmail(EMAIL.uma);
    expect(await loadSignedInUser(db(), uma.id, uma.sessionVersion + 1)).toBeNull();
    expect(await loadSignedInUser(db(), uma.id, uma.sessionVersion - 1)).toBeNull();
    expect(await loadSignedInUser(db(), '00000000-0000-4000-8000-000000000000', 1)).toBeNull();
  });

  it('ends the sessions of users of a deactivated account, and only those', async () => {
    const fabrikam = await accountByName('Fabrikam BV');
    await db().update(accounts).set({ status: 'deactivated' }).where(eq(accounts.id, fabrikam.id));
    try {
      expect(await load(EMAIL.bram)).toBeNull();
      expect(await load(EMAIL.sanne)).toBeNull();
      expect(await load(EMAIL.alice)).not.toBeNull();
      expect(await load(EMAIL.partner)).not.toBeNull();
    } finally {
      await db().update(accounts).set({ status: 'active' }).where(eq(accounts.id, fabrikam.id));
    }
    expect(await load(EMAIL.bram)).not.toBeNull();
  });

  it('applies a custom role on the next request, with its normalised permissions', async () => {
    const alice = await userByEmail(EMAIL.alice);
    const [role] = await db()
      .insert(roles)
      .values({ partnerOrgId: alice.partnerOrgId, key: null, baseRole: 'admin', name: 'Read-only user admin' })
      .returning();
    // 'users.view' ticked; 'orders.view' does not apply to the admin variant; 'bogus' is no permission.
    await db()
      .insert(rolePermissions)
      .values(['users.view', 'orders.view', 'bogus'].map((permission) => ({ roleId: role!.id, permission })));
    await db().update(users).set({ roleId: role!.id }).where(eq(users.id, alice.id));

    // Same session version: the open session survives, but with the new role's rights.
    const signedIn = await loadSignedInUser(db(), alice.id, alice.sessionVersion);
    expect(signedIn?.actor).toMatchObject({ roleId: role!.id, baseRole: 'admin', kind: 'accountUser' });
    expect([...signedIn!.actor.permissions].sort()).toEqual(['account.view', 'users.view']);
    expect(signedIn!.actor.permissions.has('users.delete')).toBe(false);

    // Ticking "Delete" also grants the feature's View.
    await db().insert(rolePermissions).values({ roleId: role!.id, permission: 'integrations.delete' });
    const again = await loadSignedInUser(db(), alice.id, alice.sessionVersion);
    expect([...again!.actor.permissions].sort()).toEqual(['account.view', 'integrations.delete', 'integrations.view', 'users.view']);

    await db().update(users).set({ roleId: await baseRoleId('admin') }).where(eq(users.id, alice.id));
    expect((await loadSignedInUser(db(), alice.id, alice.sessionVersion))!.actor.permissions.has('users.delete')).toBe(true);
  });

  it('lists the assigned accounts of an account manager', async () => {
    const partner = await userByEmail(EMAIL.partner);
    const contoso = await accountByName('Contoso Ltd');
    const [manager] = await db()
      .insert(users)
      .values({
        partnerOrgId: partner.partnerOrgId,
        email: 'manager@northwind.example',
        displayName: 'Mia Manager',
        roleId: await baseRoleId('partner'),
        isAccountManager: true,
        registeredAt: new Date(),
      })
      .returning();
    expect((await loadSignedInUser(db(), manager!.id, 1))?.actor.managedAccountIds).toEqual([]);
    await db().insert(accountManagerAssignments).values({ userId: manager!.id, accountId: contoso.id });
    const signedIn = await loadSignedInUser(db(), manager!.id, 1);
    expect(signedIn?.actor).toMatchObject({ kind: 'partner', accountId: null, managedAccountIds: [contoso.id] });
  });

  it('marks identity-provider users as not password users', async () => {
    const partner = await userByEmail(EMAIL.partner);
    const [oidc] = await db()
      .insert(users)
      .values({
        partnerOrgId: partner.partnerOrgId,
        email: 'sso@northwind.example',
        displayName: 'Sam Sso',
        roleId: await baseRoleId('partner'),
        source: 'oidc',
        externalId: 'https://idp.example|sso-1',
        registeredAt: new Date(),
      })
      .returning();
    expect((await loadSignedInUser(db(), oidc!.id, 1))?.isPasswordUser).toBe(false);
  });
});
