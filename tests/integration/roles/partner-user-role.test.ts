import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { users, type User } from '@/db/schema';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import { applicableCells } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { partnerRolesFor } from '@/lib/roles/partner-roles';
import { setPartnerUserRole } from '@/lib/roles/set-partner-user-role';
import { EMAIL, actorFor, baseRoleId, createOtherPartner, seed, userByEmail } from '../helpers';
import { eventsOf, rejection, userById } from '../users/fixtures';
import { newRole } from './fixtures';

let partner: Actor;
let pat: User;
let rita: User;
let partnerRoleId: string;
let other: { orgId: string; partnerEmail: string };

beforeAll(async () => {
  await seed();
  other = await createOtherPartner();
  partner = await actorFor(EMAIL.partner);
  pat = await userByEmail(EMAIL.partner);
  rita = await userByEmail(EMAIL.rita);
  partnerRoleId = await baseRoleId('partner');
});

const set = (actor: Actor, userId: string, roleId: unknown) => setPartnerUserRole({ ctx: { actor }, input: { userId, roleId } });
const without = (...missing: string[]) => applicableCells('partner').filter((p) => !missing.includes(p));

/** A registered partner user (no customer account) of the demo organisation holding `roleId`. */
async function partnerUser(email: string, roleId: string): Promise<User> {
  const [user] = await db().insert(users).values({ partnerOrgId: pat.partnerOrgId, email, displayName: email.split('@')[0]!, roleId, registeredAt: new Date() }).returning();
  return user!;
}

/** The user's Edit events (the demo data records each user's creation). */
const editsOf = async (userId: string) => (await eventsOf(userId)).filter((e) => e.action === 'Edit');

/** The refusal leaves the user's role as it was and records nothing. */
async function expectUnchanged(user: User) {
  expect((await userById(user.id))?.roleId).toBe(user.roleId);
  expect(await editsOf(user.id)).toHaveLength(0);
}

describe('giving a partner user a Partner-based role', () => {
  it('lists Partner first, then the organisation\'s Partner-based roles by name, nothing else', async () => {
    const zeta = await newRole(partner, { name: 'Zeta partners', baseRole: 'partner' });
    const alpha = await newRole(partner, { name: 'alpha partners', baseRole: 'partner' });
    await newRole(partner, { name: 'Admin based' });
    await newRole(await actorFor(other.partnerEmail), { name: 'Globex partners', baseRole: 'partner' });

    expect(await partnerRolesFor(db(), partner)).toEqual([
      { id: partnerRoleId, key: 'partner', name: 'Partner' },
      { id: alpha, key: null, name: 'alpha partners' },
      { id: zeta, key: null, name: 'Zeta partners' },
    ]);
    expect(await rejection(partnerRolesFor(db(), await actorFor(EMAIL.alice)))).toBeInstanceOf(ForbiddenError);
  });

  it('applies the new role on Rita\'s next request, without a new session, and records the change', async () => {
    const roleId = await newRole(partner, { name: 'No new accounts', baseRole: 'partner', permissions: without('account.add') });
    expect((await loadSignedInUser(db(), rita.id, rita.sessionVersion))?.actor.permissions.has('account.add')).toBe(true);

    expect(await set(partner, rita.id, roleId)).toEqual({ id: rita.id, changed: true });
    const after = await loadSignedInUser(db(), rita.id, rita.sessionVersion);
    expect(after).not.toBeNull();
    expect(after!.actor.roleId).toBe(roleId);
    expect(after!.actor.permissions.has('account.add')).toBe(false);
    expect(after!.actor.permissions.has('account.edit')).toBe(true);
    const stored = await userById(rita.id);
    expect(stored).toMatchObject({ roleId, sessionVersion: rita.sessionVersion, updatedBy: pat.displayName });

    const [event] = await editsOf(rita.id);
    expect(event).toMatchObject({
      action: 'Edit',
      asset: 'User',
      assetId: rita.id,
      accountId: null,
      partnerOrgId: pat.partnerOrgId,
      actorId: pat.id,
      properties: ['role'],
      coreDetails: { before: { role: 'Partner' }, after: { role: 'No new accounts' } },
    });

    // The same role again changes nothing and records nothing; back to Partner works.
    expect(await set(partner, rita.id, roleId)).toEqual({ id: rita.id, changed: false });
    expect(await editsOf(rita.id)).toHaveLength(1);
    expect(await set(partner, rita.id, partnerRoleId)).toEqual({ id: rita.id, changed: true });
    expect((await editsOf(rita.id))[1]?.coreDetails).toMatchObject({ before: { role: 'No new accounts' }, after: { role: 'Partner' } });
    expect((await loadSignedInUser(db(), rita.id, rita.sessionVersion))?.actor.permissions.has('account.add')).toBe(true);
  });

  it('refuses an Admin-based role, another organisation\'s role and malformed role ids as the role field\'s error', async () => {
    const target = await partnerUser('role.refusals@northwind.example', partnerRoleId);
    const adminBased = await newRole(partner, { name: 'Admin based helpdesk' });
    const theirs = await newRole(await actorFor(other.partnerEmail), { name: 'Globex helpdesk', baseRole: 'partner' });

    for (const roleId of [adminBased, theirs, await baseRoleId('admin'), await baseRoleId('user'), 'not-a-role', '00000000-0000-0000-0000-000000000000']) {
      const error = await rejection(set(partner, target.id, roleId));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual({ roleId: ['managers.role.errors.notPartnerRole'] });
    }
    for (const roleId of [undefined, 42, 'x'.repeat(65)]) {
      const error = await rejection(set(partner, target.id, roleId));
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(['roleId']);
    }
    await expectUnchanged(target);
  });

  it('finds no account user, no other organisation\'s partner user and no malformed user id', async () => {
    const roleId = await newRole(partner, { name: 'Target checks', baseRole: 'partner' });
    const alice = await userByEmail(EMAIL.alice);
    const gina = await userByEmail(other.partnerEmail);
    for (const userId of [alice.id, gina.id, 'not-a-user', '00000000-0000-0000-0000-000000000000']) {
      expect(await rejection(set(partner, userId, roleId))).toBeInstanceOf(NotFoundError);
    }
    await expectUnchanged(alice);
    await expectUnchanged(gina);
  });

  it('refuses the signed-in admin its own role, with a message saying so', async () => {
    const roleId = await newRole(partner, { name: 'Own role', baseRole: 'partner' });
    const error = await rejection(set(partner, pat.id, roleId));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ messageKey: 'managers.role.ownRole' });
    await expectUnchanged(pat);
  });

  it('refuses an account manager, an account admin and a partner role without Roles "Assign" as the caller', async () => {
    const roleId = await newRole(partner, { name: 'Caller checks', baseRole: 'partner' });
    const target = await partnerUser('caller.checks@northwind.example', partnerRoleId);

    const sam = await userByEmail(EMAIL.sam);
    await db().update(users).set({ isAccountManager: true }).where(eq(users.id, sam.id));
    const manager = await actorFor(EMAIL.sam);
    expect(manager.managedAccountIds).toEqual([]);
    const noAssignRole = await newRole(partner, { name: 'No assign', baseRole: 'partner', permissions: without('roles.assign') });
    const noAssign = (await loadSignedInUser(db(), (await partnerUser('no.assign@northwind.example', noAssignRole)).id, 'any'))!.actor;
    expect(noAssign.permissions.has('roles.assign')).toBe(false);

    for (const caller of [manager, await actorFor(EMAIL.alice), noAssign]) {
      expect(await rejection(set(caller, target.id, roleId))).toBeInstanceOf(ForbiddenError);
    }
    await expectUnchanged(target);
    await db().update(users).set({ isAccountManager: false }).where(eq(users.id, sam.id));
  });
});
