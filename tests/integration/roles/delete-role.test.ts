import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { assignRoleAccounts } from '@/lib/roles/assign-role-accounts';
import { deleteRole } from '@/lib/roles/delete-role';
import { EMAIL, accountByName, actorFor, baseRoleId, createOtherPartner, seed } from '../helpers';
import { addUser, eventsOf, rejection } from '../users/fixtures';
import { assignedAccounts, newRole, roleRow } from './fixtures';

let partner: Actor;
let contosoId: string;

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

const remove = (actor: Actor, roleId: string) => deleteRole({ ctx: { actor }, input: { roleId } });

describe('deleteRole (ROLE-5)', () => {
  it('deletes a custom role with its boxes and assignments, and audits it', async () => {
    const roleId = await newRole(partner, { name: 'Short-lived' });
    await assignRoleAccounts({ ctx: { actor: partner }, input: { roleId, accountIds: [contosoId] } });
    await remove(partner, roleId);
    expect(await roleRow(roleId)).toBeUndefined();
    expect(await assignedAccounts(roleId)).toEqual([]);
    const events = await eventsOf(roleId);
    expect(events.at(-1)).toMatchObject({ action: 'Delete', asset: 'Role', partnerOrgId: partner.partnerOrgId });
    expect(events.at(-1)?.coreDetails).toMatchObject({ before: { name: 'Short-lived', baseRole: 'admin', accounts: [contosoId] } });
  });

  it('refuses while users hold the role, saying how many, and changes nothing', async () => {
    const roleId = await newRole(partner, { name: 'Held' });
    await assignRoleAccounts({ ctx: { actor: partner }, input: { roleId, accountIds: [contosoId] } });
    const a = await addUser(contosoId, { email: 'held.a@contoso.example', roleId });
    await addUser(contosoId, { email: 'held.b@contoso.example', roleId });
    const error = await rejection(remove(partner, roleId));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ messageKey: 'roles.errors.inUse', params: { count: 2 } });
    expect(await roleRow(roleId)).toBeDefined();
    expect(await assignedAccounts(roleId)).toEqual([contosoId]);
    expect((await eventsOf(roleId)).map((e) => e.action)).toEqual(['Create', 'Edit']);

    await db().update(users).set({ roleId: await baseRoleId('user') }).where(eq(users.id, a.id));
    expect(await rejection(remove(partner, roleId))).toMatchObject({ params: { count: 1 } });
  });

  it('refuses base roles, other partners\' roles, account admins and partners without Roles "Delete"', async () => {
    expect(await rejection(remove(partner, await baseRoleId('user')))).toMatchObject({ messageKey: 'roles.errors.baseRoleFixed' });
    const other = await createOtherPartner();
    const theirs = await newRole(await actorFor(other.partnerEmail), { name: 'Theirs' });
    expect(await rejection(remove(partner, theirs))).toBeInstanceOf(NotFoundError);
    const mine = await newRole(partner, { name: 'Mine' });
    expect(await rejection(remove(await actorFor(EMAIL.alice), mine))).toBeInstanceOf(ForbiddenError);
    const limited = { ...partner, permissions: new Set([...partner.permissions].filter((p) => p !== 'roles.delete')) };
    expect(await rejection(remove(limited, mine))).toBeInstanceOf(ForbiddenError);
    expect(await roleRow(theirs)).toBeDefined();
    expect(await roleRow(mine)).toBeDefined();
  });
});
