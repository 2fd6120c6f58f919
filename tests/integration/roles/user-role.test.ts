import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import { applicableCells } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { assignRoleAccounts } from '@/lib/roles/assign-role-accounts';
import { deleteRole } from '@/lib/roles/delete-role';
import { unassignRoleAccounts } from '@/lib/roles/unassign-role-accounts';
import { updateRole } from '@/lib/roles/update-role';
import { deleteUser } from '@/lib/users/delete-user';
import { getUser } from '@/lib/users/get-user';
import { listUsers } from '@/lib/users/list-users';
import { updateUser } from '@/lib/users/update-user';
import { EMAIL, accountByName, actorFor, createOtherPartner, seed, userByEmail } from '../helpers';
import { addUser, eventsOf, rejection, userById } from '../users/fixtures';
import { newRole, withoutUsersDelete } from './fixtures';

let partner: Actor;
let alice: Actor;
let contosoId: string;
let fabrikamId: string;

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
  fabrikamId = (await accountByName('Fabrikam BV')).id;
});

const form = (accountId: string, u: { id: string; displayName: string; firstName: string | null; lastName: string | null; email: string }, role: string) => ({
  accountId,
  userId: u.id,
  displayName: u.displayName,
  firstName: u.firstName ?? '',
  lastName: u.lastName ?? '',
  email: u.email,
  mobile: '',
  role,
});

describe('giving a user a custom role (ROLE-4)', () => {
  it('offers and accepts a role assigned to the account; the list and the user page show its name', async () => {
    const roleId = await newRole(partner, { name: 'Helpdesk', permissions: withoutUsersDelete() });
    await assignRoleAccounts({ ctx: { actor: partner }, input: { roleId, accountIds: [contosoId] } });
    const u = await addUser(contosoId, { email: 'helpdesk.hanna@contoso.example', firstName: 'Hanna', lastName: 'Help', displayName: 'Hanna Help' });

    // Alice (Account Admin, Roles "Assign") gives it within her own account.
    const result = await updateUser({ ctx: { actor: alice }, input: form(contosoId, u, roleId) });
    expect(result.changed).toEqual(['role']);
    expect((await userById(u.id))?.roleId).toBe(roleId);
    const [event] = await eventsOf(u.id);
    expect(event?.coreDetails).toMatchObject({ before: { role: 'user' }, after: { role: 'Helpdesk' } });

    const detail = await getUser(db(), alice, { accountId: contosoId, userId: u.id });
    expect(detail).toMatchObject({ role: roleId, roleKey: null, roleName: 'Helpdesk' });
    const page = await listUsers(db(), partner, contosoId, { q: 'hanna' });
    expect(page.rows[0]).toMatchObject({ roleKey: null, roleName: 'Helpdesk' });
    // Saving the form again with the role it already has changes nothing; back to User works.
    expect((await updateUser({ ctx: { actor: alice }, input: form(contosoId, u, roleId) })).changed).toEqual([]);
    expect((await updateUser({ ctx: { actor: alice }, input: form(contosoId, u, 'user') })).changed).toEqual(['role']);
  });

  it('refuses a role not assigned to the account, another partner\'s role, a Partner-based role and a malformed value', async () => {
    const fabrikamOnly = await newRole(partner, { name: 'Fabrikam only' });
    await assignRoleAccounts({ ctx: { actor: partner }, input: { roleId: fabrikamOnly, accountIds: [fabrikamId] } });
    const partnerBased = await newRole(partner, { name: 'Partner based', baseRole: 'partner' });
    const other = await createOtherPartner();
    const theirs = await newRole(await actorFor(other.partnerEmail), { name: 'Theirs' });
    await assignRoleAccounts({ ctx: { actor: await actorFor(other.partnerEmail) }, input: { roleId: theirs, accountIds: [other.account.id] } });
    const u = await addUser(contosoId, { email: 'not.assigned@contoso.example' });

    for (const role of [fabrikamOnly, partnerBased, theirs]) {
      const error = await rejection(updateUser({ ctx: { actor: partner }, input: form(contosoId, u, role) }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual({ role: ['users.errors.roleNotAssigned'] });
    }
    const malformed = await rejection(updateUser({ ctx: { actor: partner }, input: form(contosoId, u, 'superuser') }));
    expect((malformed as ValidationError).fieldErrors).toEqual({ role: ['errors.invalid'] });
    expect(await eventsOf(u.id)).toHaveLength(0);
  });

  it('needs Roles "Assign" to give a custom role, and nobody gives one to themselves', async () => {
    const roleId = await newRole(partner, { name: 'No assign', permissions: applicableCells('admin').filter((p) => p !== 'roles.assign') });
    await assignRoleAccounts({ ctx: { actor: partner }, input: { roleId, accountIds: [contosoId] } });
    const holder = await addUser(contosoId, { email: 'no.assign@contoso.example', roleId, registeredAt: new Date() });
    const target = await addUser(contosoId, { email: 'target.user@contoso.example' });
    const actor = (await loadSignedInUser(db(), holder.id, holder.sessionVersion))!.actor;
    expect(await rejection(updateUser({ ctx: { actor }, input: form(contosoId, target, roleId) }))).toBeInstanceOf(ForbiddenError);
    const self = await rejection(updateUser({ ctx: { actor: alice }, input: form(contosoId, await userByEmail(EMAIL.alice), roleId) }));
    expect((self as ValidationError).fieldErrors).toEqual({ role: ['users.errors.ownRole'] });
  });

  it('applies a changed box on the holder\'s next request, without a new session', async () => {
    const roleId = await newRole(partner, { name: 'Live' });
    await assignRoleAccounts({ ctx: { actor: partner }, input: { roleId, accountIds: [contosoId] } });
    const holder = await addUser(contosoId, { email: 'live.holder@contoso.example', roleId, registeredAt: new Date() });
    const victim = await addUser(contosoId, { email: 'live.victim@contoso.example' });
    const before = await loadSignedInUser(db(), holder.id, holder.sessionVersion);
    expect(before?.actor.permissions.has('users.delete')).toBe(true);

    await updateRole({ ctx: { actor: partner }, input: { roleId, name: 'Live', description: '', permissions: withoutUsersDelete() } });
    const after = await loadSignedInUser(db(), holder.id, holder.sessionVersion);
    expect(after).not.toBeNull();
    expect(after!.actor.permissions.has('users.delete')).toBe(false);
    expect(after!.actor.permissions.has('users.view')).toBe(true);
    expect((await userById(holder.id))?.sessionVersion).toBe(holder.sessionVersion);
    expect(await rejection(deleteUser({ ctx: { actor: after!.actor }, input: { accountId: contosoId, userId: victim.id } }))).toBeInstanceOf(ForbiddenError);
    expect(await userById(victim.id)).toBeDefined();
  });

  it('makes an unassign or delete that races a user form wait for it and then refuse', async () => {
    const roleId = await newRole(partner, { name: 'Raced' });
    await assignRoleAccounts({ ctx: { actor: partner }, input: { roleId, accountIds: [contosoId] } });
    const u = await addUser(contosoId, { email: 'raced@contoso.example' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let given!: () => void;
    const roleGiven = new Promise<void>((resolve) => (given = resolve));
    // The user form's transaction gives the role and stays open.
    const giving = db().transaction(async (tx) => {
      await updateUser({ ctx: { actor: partner, tx }, input: form(contosoId, u, roleId) });
      given();
      await gate;
    });
    await roleGiven;
    let settled = false;
    const unassigning = rejection(unassignRoleAccounts({ ctx: { actor: partner }, input: { roleId, accountIds: [contosoId] } })).finally(() => (settled = true));
    const deleting = rejection(deleteRole({ ctx: { actor: partner }, input: { roleId } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    release();
    await giving;
    expect(await unassigning).toMatchObject({ messageKey: 'roles.errors.unassignInUse', params: { count: 1 } });
    expect(await deleting).toMatchObject({ messageKey: 'roles.errors.inUse', params: { count: 1 } });
    expect((await userById(u.id))?.roleId).toBe(roleId);
    const holders = await db().select({ id: users.id }).from(users).where(eq(users.roleId, roleId));
    expect(holders).toHaveLength(1);
  });
});
