import { beforeAll, describe, expect, it } from 'vitest';
import { applicableCells } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { createRole } from '@/lib/roles/create-role';
import { EMAIL, actorFor, createOtherPartner, seed } from '../helpers';
import { eventsOf, rejection } from '../users/fixtures';
import { roleRow, storedPermissions } from './fixtures';

let partner: Actor;

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
});

const create = (actor: Actor, input: Record<string, unknown>) => createRole({ ctx: { actor }, input });

describe('createRole (ROLE-2, ROLE-5)', () => {
  it('creates a Partner-based role by default with every box ticked, and audits it', async () => {
    const { id } = await create(partner, { name: '  Sales desk  ', description: 'Quotes and orders', permissions: applicableCells('partner') });
    expect(await roleRow(id)).toMatchObject({ name: 'Sales desk', description: 'Quotes and orders', baseRole: 'partner', key: null, partnerOrgId: partner.partnerOrgId });
    expect(await storedPermissions(id)).toEqual([...applicableCells('partner')].sort());
    const [event] = await eventsOf(id);
    expect(event).toMatchObject({ action: 'Create', asset: 'Role', accountId: null, partnerOrgId: partner.partnerOrgId, actorName: 'Pat Partner' });
    expect(event?.coreDetails).toMatchObject({ after: { name: 'Sales desk', baseRole: 'partner', description: 'Quotes and orders' } });
  });

  it('normalises the boxes: View comes with any other box, always-on boxes stay, other variants drop', async () => {
    const { id } = await create(partner, { name: 'Deleter', baseRole: 'admin', permissions: ['users.delete', 'orders.view', 'developer.view'] });
    expect(await storedPermissions(id)).toEqual(['account.view', 'users.delete', 'users.view']);
  });

  it('refuses an empty or too long name and a too long description on their fields, writing nothing', async () => {
    const error = await rejection(create(partner, { name: ' ', description: 'x'.repeat(257), permissions: [] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ name: ['errors.required'], description: ['errors.roles.descriptionTooLong'] });
    const long = await rejection(create(partner, { name: 'n'.repeat(65), permissions: [] }));
    expect((long as ValidationError).fieldErrors).toEqual({ name: ['errors.roles.nameTooLong'] });
  });

  it('refuses a base role other than Partner or Admin, and names that are no permission', async () => {
    const error = await rejection(create(partner, { name: 'Odd', baseRole: 'user', permissions: ['users.view', 'users.fly'] }));
    expect((error as ValidationError).fieldErrors).toEqual({ baseRole: ['errors.invalid'], 'permissions.1': ['errors.roles.unknownPermission'] });
  });

  it('refuses a name the organisation already uses, case-insensitively, and the base role names', async () => {
    await create(partner, { name: 'Night shift', permissions: [] });
    for (const name of ['NIGHT SHIFT', 'account admin']) {
      const error = await rejection(create(partner, { name, permissions: [] }));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).fieldErrors).toEqual({ name: ['roles.errors.nameTaken'] });
    }
  });

  it('lets another partner organisation use the same name', async () => {
    await create(partner, { name: 'Shared name', permissions: [] });
    const other = await createOtherPartner();
    const { id } = await create(await actorFor(other.partnerEmail), { name: 'Shared name', permissions: [] });
    expect((await roleRow(id))?.partnerOrgId).toBe(other.orgId);
  });

  it('refuses account admins (even with Roles "View") and partners without Roles "Add"', async () => {
    expect(await rejection(create(await actorFor(EMAIL.alice), { name: 'Mine', permissions: [] }))).toBeInstanceOf(ForbiddenError);
    const limited = { ...partner, permissions: new Set([...partner.permissions].filter((p) => p !== 'roles.add')) };
    expect(await rejection(create(limited, { name: 'Mine', permissions: [] }))).toBeInstanceOf(ForbiddenError);
  });
});
