import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountManagerAssignments, accounts, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { assignRoleAccounts } from '@/lib/roles/assign-role-accounts';
import { deleteRole } from '@/lib/roles/delete-role';
import { listRoleAccounts } from '@/lib/roles/list-role-accounts';
import { listRoles } from '@/lib/roles/list-roles';
import { rolesForAccount } from '@/lib/roles/roles-for-account';
import { unassignRoleAccounts } from '@/lib/roles/unassign-role-accounts';
import { updateRole } from '@/lib/roles/update-role';
import { EMAIL, actorFor, baseRoleId, seedTenants, userByEmail, type Tenants } from '../helpers';
import { addUser, eventsOf, rejection } from '../users/fixtures';
import { assignedAccounts, newRole } from './fixtures';

let partner: Actor;
let tenants: Tenants;

beforeAll(async () => {
  tenants = await seedTenants();
  partner = await actorFor(EMAIL.partner);
});

const assign = (actor: Actor, roleId: string, accountIds: string[]) => assignRoleAccounts({ ctx: { actor }, input: { roleId, accountIds } });
const unassign = (actor: Actor, roleId: string, accountIds: string[]) => unassignRoleAccounts({ ctx: { actor }, input: { roleId, accountIds } });

describe('assignRoleAccounts / unassignRoleAccounts (ROLE-4)', () => {
  it('assigns an Admin-based role to accounts once each, one audit event per account', async () => {
    const roleId = await newRole(partner, { name: 'Assignable' });
    expect(await assign(partner, roleId, [tenants.contoso.id, tenants.fabrikam.id])).toEqual({ assigned: 2 });
    expect(await assign(partner, roleId, [tenants.contoso.id])).toEqual({ assigned: 0 });
    expect(await assignedAccounts(roleId)).toEqual([tenants.contoso.id, tenants.fabrikam.id].sort());
    const edits = (await eventsOf(roleId)).filter((e) => e.action === 'Edit');
    expect(edits.map((e) => e.accountId).sort()).toEqual([tenants.contoso.id, tenants.fabrikam.id].sort());
    expect(edits[0]).toMatchObject({ asset: 'Role', properties: ['assigned'] });
    expect(edits[0]?.coreDetails).toMatchObject({ change: 'assignedToAccount', role: 'Assignable' });

    expect(await rolesForAccount(db(), partner, tenants.contoso.id)).toEqual([{ id: roleId, name: 'Assignable' }]);
    const [row] = (await listRoles(db(), partner)).filter((r) => r.id === roleId);
    expect(row).toMatchObject({ key: null, baseRole: 'admin', accountCount: 2, userCount: 0 });
  });

  it('only assigns Admin-based roles', async () => {
    const roleId = await newRole(partner, { name: 'Partner desk', baseRole: 'partner' });
    const error = await rejection(assign(partner, roleId, [tenants.contoso.id]));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ messageKey: 'roles.errors.onlyAdminAssignable' });
    expect(await assignedAccounts(roleId)).toEqual([]);
    expect(await rejection(assign(partner, await baseRoleId('admin'), [tenants.contoso.id]))).toMatchObject({ messageKey: 'roles.errors.baseRoleFixed' });
  });

  it('refuses the whole request for an account of another partner, and an empty selection', async () => {
    const roleId = await newRole(partner, { name: 'Careful' });
    expect(await rejection(assign(partner, roleId, [tenants.contoso.id, tenants.globex.id]))).toBeInstanceOf(NotFoundError);
    expect(await assignedAccounts(roleId)).toEqual([]);
    const empty = await rejection(assign(partner, roleId, []));
    expect((empty as ValidationError).fieldErrors).toEqual({ accountIds: ['errors.roles.noAccountsSelected'] });
  });

  it('lets an account manager reach only its own accounts', async () => {
    const sam = await userByEmail(EMAIL.sam);
    await db().update(users).set({ isAccountManager: true }).where(eq(users.id, sam.id));
    await db().insert(accountManagerAssignments).values({ userId: sam.id, accountId: tenants.contoso.id });
    const manager = await actorFor(EMAIL.sam);
    const roleId = await newRole(partner, { name: 'Managed' });
    expect(await rejection(assign(manager, roleId, [tenants.fabrikam.id]))).toBeInstanceOf(NotFoundError);
    expect(await assign(manager, roleId, [tenants.contoso.id])).toEqual({ assigned: 1 });
    const page = await listRoleAccounts(db(), manager, roleId, {});
    expect(page.rows.map((r) => r.name)).toEqual(['Contoso Ltd']);
    expect(await rejection(rolesForAccount(db(), manager, tenants.fabrikam.id))).toBeInstanceOf(NotFoundError);

    // Editing or deleting reaches every account of the role: only while all of them are its own.
    const edit = () => updateRole({ ctx: { actor: manager }, input: { roleId, name: 'Managed', description: 'by Sam', permissions: [] } });
    expect((await edit()).changed).toEqual(['description', 'permissions']);
    await assign(partner, roleId, [tenants.fabrikam.id]);
    expect(await rejection(edit())).toMatchObject({ messageKey: 'roles.errors.outsideScope' });
    expect(await rejection(deleteRole({ ctx: { actor: manager }, input: { roleId } }))).toBeInstanceOf(ForbiddenError);
    await unassign(partner, roleId, [tenants.fabrikam.id]);
    const partnerHeld = await newRole(partner, { name: 'Partner held', baseRole: 'partner' });
    await db().update(users).set({ roleId: partnerHeld }).where(eq(users.email, EMAIL.rita));
    expect(await rejection(deleteRole({ ctx: { actor: manager }, input: { roleId: partnerHeld } }))).toMatchObject({ messageKey: 'roles.errors.outsideScope' });
    await deleteRole({ ctx: { actor: manager }, input: { roleId } });
  });

  it('unassigns, but not while users of those accounts hold the role (saying how many)', async () => {
    const roleId = await newRole(partner, { name: 'Sticky' });
    await assign(partner, roleId, [tenants.contoso.id, tenants.fabrikam.id]);
    const held = await addUser(tenants.fabrikam.id, { email: 'sticky@fabrikam.example', roleId });
    const error = await rejection(unassign(partner, roleId, [tenants.contoso.id, tenants.fabrikam.id]));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ messageKey: 'roles.errors.unassignInUse', params: { count: 1 } });
    expect(await assignedAccounts(roleId)).toHaveLength(2);

    expect(await unassign(partner, roleId, [tenants.contoso.id])).toEqual({ unassigned: 1 });
    expect(await assignedAccounts(roleId)).toEqual([tenants.fabrikam.id]);
    const last = (await eventsOf(roleId)).at(-1);
    expect(last).toMatchObject({ action: 'Edit', accountId: tenants.contoso.id });
    expect(last?.coreDetails).toMatchObject({ change: 'unassignedFromAccount' });

    await db().update(users).set({ roleId: await baseRoleId('user') }).where(eq(users.id, held.id));
    expect(await unassign(partner, roleId, [tenants.fabrikam.id])).toEqual({ unassigned: 1 });
  });

  it('refuses account admins and partners without Roles "Edit"', async () => {
    const roleId = await newRole(partner, { name: 'Admins keep out' });
    const alice = await actorFor(EMAIL.alice);
    expect(await rejection(assign(alice, roleId, [tenants.contoso.id]))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(listRoleAccounts(db(), alice, roleId, {}))).toBeInstanceOf(ForbiddenError);
    const limited = { ...partner, permissions: new Set([...partner.permissions].filter((p) => p !== 'roles.edit')) };
    expect(await rejection(assign(limited, roleId, [tenants.contoso.id]))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(unassign(limited, roleId, [tenants.contoso.id]))).toBeInstanceOf(ForbiddenError);
  });
});

describe('listRoleAccounts (the Accounts tab)', () => {
  it('filters by assigned / not assigned and by name, and pages by name', async () => {
    const roleId = await newRole(partner, { name: 'Listed' });
    await assign(partner, roleId, [tenants.fabrikam.id]);
    const names = async (params: Record<string, string>) => (await listRoleAccounts(db(), partner, roleId, params)).rows.map((r) => `${r.name}:${r.assigned}`);
    expect(await names({})).toEqual(['Contoso Ltd:false', 'Fabrikam BV:true']);
    expect(await names({ filter: 'assigned' })).toEqual(['Fabrikam BV:true']);
    expect(await names({ filter: 'notAssigned' })).toEqual(['Contoso Ltd:false']);
    expect(await names({ q: 'fab' })).toEqual(['Fabrikam BV:true']);
    const first = await listRoleAccounts(db(), partner, roleId, { size: '25' });
    expect(first).toMatchObject({ total: 2, nextCursor: null });
  });

  it('exists only for Admin-based custom roles of the organisation', async () => {
    const partnerRole = await newRole(partner, { name: 'No accounts', baseRole: 'partner' });
    expect(await rejection(listRoleAccounts(db(), partner, partnerRole, {}))).toBeInstanceOf(NotFoundError);
    expect(await rejection(listRoleAccounts(db(), partner, await baseRoleId('admin'), {}))).toBeInstanceOf(NotFoundError);
    const theirs = await newRole(await actorFor(tenants.otherPartnerEmail), { name: 'Theirs' });
    expect(await rejection(listRoleAccounts(db(), partner, theirs, {}))).toBeInstanceOf(NotFoundError);
  });
});

describe('listRoleAccounts paging', () => {
  it('walks every account in pages of 25 by name without gaps or repeats', async () => {
    const roleId = await newRole(partner, { name: 'Paged' });
    await db()
      .insert(accounts)
      .values(Array.from({ length: 30 }, (_, i) => ({ partnerOrgId: tenants.contoso.partnerOrgId, name: `Zeta ${String(i).padStart(2, '0')}`, country: 'NL', defaultLanguage: 'nl' })));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRoleAccounts(db(), partner, roleId, { q: 'zeta', cursor });
      expect(page.total).toBe(30);
      seen.push(...page.rows.map((r) => r.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `Zeta ${String(i).padStart(2, '0')}`));
  });
});
