import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { applicableCells, defaultPermissions } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { getRole } from '@/lib/roles/get-role';
import { listRoles } from '@/lib/roles/list-roles';
import { rolesForAccount } from '@/lib/roles/roles-for-account';
import { EMAIL, accountByName, actorFor, baseRoleId, createOtherPartner, seed } from '../helpers';
import { addUser, rejection } from '../users/fixtures';
import { newRole, withoutUsersDelete } from './fixtures';

let partner: Actor;

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
});

describe('listRoles / getRole (ROLE-1..3)', () => {
  it('lists the base roles first, then the organisation\'s custom roles by name, with holders', async () => {
    const contoso = await accountByName('Contoso Ltd');
    const zulu = await newRole(partner, { name: 'zulu desk' });
    await newRole(partner, { name: 'Alpha desk', baseRole: 'partner' });
    await addUser(contoso.id, { email: 'zulu.holder@contoso.example', roleId: zulu });
    const other = await createOtherPartner();
    await newRole(await actorFor(other.partnerEmail), { name: 'Not ours' });

    const rows = await listRoles(db(), partner);
    expect(rows.map((r) => r.key ?? r.name)).toEqual(['partner', 'admin', 'user', 'Alpha desk', 'zulu desk']);
    // Demo data: 3 Northwind partner admins, 2 account admins, 5 users (the other partner's not counted).
    expect(rows.slice(0, 3).map((r) => r.userCount)).toEqual([3, 2, 5]);
    expect(rows.find((r) => r.id === zulu)).toMatchObject({ userCount: 1, accountCount: 0, baseRole: 'admin' });
  });

  it('opens a base role with its fixed boxes and a custom role with its ticked boxes', async () => {
    const base = await getRole(db(), partner, await baseRoleId('admin'));
    expect(base).toMatchObject({ key: 'admin', baseRole: 'admin', userCount: null });
    expect(base.permissions).toEqual([...defaultPermissions('admin')]);
    const roleId = await newRole(partner, { name: 'Opened', permissions: withoutUsersDelete(), description: 'Why' });
    const custom = await getRole(db(), partner, roleId);
    expect(custom).toMatchObject({ key: null, name: 'Opened', description: 'Why', userCount: 0, accountCount: 0 });
    expect(custom.permissions).toEqual(applicableCells('admin').filter((p) => p !== 'users.delete'));
  });

  it('is for partners only: account admins are refused, missing ids are absent', async () => {
    const alice = await actorFor(EMAIL.alice);
    expect(await rejection(listRoles(db(), alice))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getRole(db(), partner, '00000000-0000-0000-0000-000000000000'))).toBeInstanceOf(NotFoundError);
    // The user form's choices need Roles "Assign" and the account in scope.
    const fabrikam = await accountByName('Fabrikam BV');
    expect(await rejection(rolesForAccount(db(), alice, fabrikam.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(rolesForAccount(db(), await actorFor(EMAIL.uma), fabrikam.id))).toBeInstanceOf(ForbiddenError);
  });
});
