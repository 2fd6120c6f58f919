import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { getRole } from '@/lib/roles/get-role';
import { updateRole } from '@/lib/roles/update-role';
import { EMAIL, actorFor, baseRoleId, createOtherPartner, seed } from '../helpers';
import { eventsOf, rejection } from '../users/fixtures';
import { newRole, roleRow, storedPermissions, withoutUsersDelete } from './fixtures';

let partner: Actor;

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
});

const update = (actor: Actor, input: Record<string, unknown>) => updateRole({ ctx: { actor }, input });

describe('updateRole (ROLE-2/3)', () => {
  it('changes name, description and boxes, keeps the base role, and records before/after', async () => {
    const roleId = await newRole(partner, { name: 'Helpdesk' });
    const result = await update(partner, { roleId, name: 'Service desk', description: 'First line', baseRole: 'partner', permissions: withoutUsersDelete() });
    expect(result.changed).toEqual(['description', 'name', 'permissions']);
    expect(await roleRow(roleId)).toMatchObject({ name: 'Service desk', description: 'First line', baseRole: 'admin' });
    expect(await storedPermissions(roleId)).not.toContain('users.delete');
    const events = await eventsOf(roleId);
    expect(events.map((e) => e.action)).toEqual(['Create', 'Edit']);
    expect(events[1]).toMatchObject({ asset: 'Role', properties: ['description', 'name', 'permissions'] });
    expect(events[1]?.coreDetails).toMatchObject({ before: { name: 'Helpdesk' }, after: { name: 'Service desk', baseRole: 'admin' } });
    expect((await getRole(db(), partner, roleId)).permissions).not.toContain('users.delete');

    // Saving the same values writes nothing; a change of case in the name is allowed.
    expect((await update(partner, { roleId, name: 'Service desk', description: 'First line', permissions: withoutUsersDelete() })).changed).toEqual([]);
    expect((await update(partner, { roleId, name: 'SERVICE desk', description: 'First line', permissions: withoutUsersDelete() })).changed).toEqual(['name']);
    expect(await eventsOf(roleId)).toHaveLength(3);
  });

  it('refuses a name another role has, and bad input, on their fields', async () => {
    await newRole(partner, { name: 'Taken' });
    const roleId = await newRole(partner, { name: 'Free' });
    const taken = await rejection(update(partner, { roleId, name: 'taken', permissions: [] }));
    expect(taken).toBeInstanceOf(ConflictError);
    expect((taken as ConflictError).fieldErrors).toEqual({ name: ['roles.errors.nameTaken'] });
    const bad = await rejection(update(partner, { roleId, name: '', permissions: 'users.view' }));
    expect((bad as ValidationError).fieldErrors).toMatchObject({ name: ['errors.required'], permissions: ['errors.invalid'] });
    expect(await roleRow(roleId)).toMatchObject({ name: 'Free' });
  });

  it('refuses to change a base role', async () => {
    const error = await rejection(update(partner, { roleId: await baseRoleId('admin'), name: 'Boss', permissions: [] }));
    expect(error).toMatchObject({ messageKey: 'roles.errors.baseRoleFixed' });
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('treats another partner organisation\'s role and a malformed id as absent', async () => {
    const other = await createOtherPartner();
    const theirs = await newRole(await actorFor(other.partnerEmail), { name: 'Theirs' });
    expect(await rejection(update(partner, { roleId: theirs, name: 'Mine now', permissions: [] }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(getRole(db(), partner, theirs))).toBeInstanceOf(NotFoundError);
    expect(await rejection(update(partner, { roleId: 'nope', name: 'X', permissions: [] }))).toBeInstanceOf(NotFoundError);
    expect(await roleRow(theirs)).toMatchObject({ name: 'Theirs' });
  });

  it('refuses account admins and partners without Roles "Edit"', async () => {
    const roleId = await newRole(partner, { name: 'Guarded' });
    expect(await rejection(update(await actorFor(EMAIL.alice), { roleId, name: 'Hijacked', permissions: [] }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getRole(db(), await actorFor(EMAIL.alice), roleId))).toBeInstanceOf(ForbiddenError);
    const limited = { ...partner, permissions: new Set([...partner.permissions].filter((p) => p !== 'roles.edit')) };
    expect(await rejection(update(limited, { roleId, name: 'Hijacked', permissions: [] }))).toBeInstanceOf(ForbiddenError);
    expect(await roleRow(roleId)).toMatchObject({ name: 'Guarded' });
  });
});
