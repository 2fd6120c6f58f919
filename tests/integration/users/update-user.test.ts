import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { roles, userExtensions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { getUser } from '@/lib/users/get-user';
import { conflictFromUniqueViolation } from '@/lib/users/unique';
import { updateUser } from '@/lib/users/update-user';
import { EMAIL, accountByName, actorFor, seed, userByEmail } from '../helpers';
import { addUser, eventsOf, rejection, userById } from './fixtures';

let alice: Actor;
let contosoId: string;
let fabrikamId: string;

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
  fabrikamId = (await accountByName('Fabrikam BV')).id;
});

const form = (u: { id: string; displayName: string; firstName: string | null; lastName: string | null; email: string; mobile: string | null }, changes: Record<string, unknown> = {}) => ({
  accountId: contosoId,
  userId: u.id,
  displayName: u.displayName,
  firstName: u.firstName ?? '',
  lastName: u.lastName ?? '',
  email: u.email,
  mobile: u.mobile ?? '',
  role: 'user',
  ...changes,
});

const roleKeyOf = async (userId: string) => {
  const [row] = await db().select({ key: roles.key }).from(users).innerJoin(roles, eq(roles.id, users.roleId)).where(eq(users.id, userId));
  return row?.key;
};

describe('updateUser (USR-3)', () => {
  it('edits names, e-mail, mobile and role, and records before/after', async () => {
    const u = await addUser(contosoId, { email: 'edit.me@contoso.example', firstName: 'Ed', lastName: 'It', displayName: 'Ed It' });
    const result = await updateUser({ ctx: { actor: alice }, input: form(u, { displayName: 'Edward It', firstName: 'Edward', email: 'edward@contoso.example', mobile: '+31 6 1234-5678', role: 'admin' }) });
    expect(result.changed).toEqual(['displayName', 'email', 'firstName', 'mobile', 'role']);
    expect(await userById(u.id)).toMatchObject({ displayName: 'Edward It', firstName: 'Edward', email: 'edward@contoso.example', mobile: '+31612345678', updatedBy: 'Alice Admin' });
    expect(await roleKeyOf(u.id)).toBe('admin');
    const [event] = await eventsOf(u.id);
    expect(event).toMatchObject({ action: 'Edit', asset: 'User', accountId: contosoId, properties: ['displayName', 'email', 'firstName', 'mobile', 'role'] });
    expect(event?.coreDetails).toMatchObject({ before: { email: 'edit.me@contoso.example', role: 'user' }, after: { email: 'edward@contoso.example', role: 'admin' } });

    const detail = await getUser(db(), alice, { accountId: contosoId, userId: u.id });
    expect(detail).toMatchObject({ role: 'admin', mobile: '+31612345678', external: false });
    // Saving unchanged values writes nothing.
    const again = await updateUser({ ctx: { actor: alice }, input: form((await userById(u.id))!, { mobile: '+31612345678', role: 'admin' }) });
    expect(again.changed).toEqual([]);
    expect(await eventsOf(u.id)).toHaveLength(1);
  });

  it('keeps source-owned fields of an external user read-only, but lets mobile and role change (USR-4)', async () => {
    const pbx = await addUser(contosoId, { email: 'pbx.user@contoso.example', firstName: 'Pe', lastName: 'Bx', displayName: 'Pe Bx', source: 'pbx', phone: '+3130111' }, ['4100']);
    const error = await rejection(updateUser({ ctx: { actor: alice }, input: form(pbx, { firstName: 'Changed', email: 'other@contoso.example' }) }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ firstName: ['users.errors.sourceOwned'], email: ['users.errors.sourceOwned'] });
    expect(await userById(pbx.id)).toMatchObject({ firstName: 'Pe', email: 'pbx.user@contoso.example' });

    await updateUser({ ctx: { actor: alice }, input: form(pbx, { email: 'PBX.User@contoso.example', mobile: '+31699', role: 'admin' }) });
    expect(await userById(pbx.id)).toMatchObject({ email: 'pbx.user@contoso.example', mobile: '+31699' });
    expect(await getUser(db(), alice, { accountId: contosoId, userId: pbx.id })).toMatchObject({ source: 'pbx', external: true, phone: '+3130111', extensions: ['4100'] });
  });

  it('refuses an e-mail or mobile number in use with the USR-8 message on each field, writing nothing', async () => {
    const a = await addUser(contosoId, { email: 'a.mobile@contoso.example', mobile: '+31600000001' });
    const b = await addUser(contosoId, { email: 'b.mobile@contoso.example' });
    const error = await rejection(updateUser({ ctx: { actor: alice }, input: form(b, { email: EMAIL.bram, mobile: '+31 600 000 001' }) }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ messageKey: 'errors.conflict', fieldErrors: { email: ['errors.conflict'], mobile: ['errors.conflict'] } });
    expect(await userById(b.id)).toMatchObject({ email: 'b.mobile@contoso.example', mobile: null });
    // Mobile numbers are unique per account only.
    await addUser(fabrikamId, { email: 'same.mobile@fabrikam.example', mobile: '+31600000002' });
    await updateUser({ ctx: { actor: alice }, input: form(a, { mobile: '+31600000002' }) });
    expect((await userById(a.id))?.mobile).toBe('+31600000002');
  });

  it('maps every unique violation (e-mail, mobile, phone, login, extension) to the conflict on its field', async () => {
    const u = await addUser(contosoId, { email: 'uniq@contoso.example', mobile: '+3161', phone: '+3130', loginId: 'Uniq' }, ['4200']);
    const attempts: [string, () => Promise<unknown>][] = [
      ['email', () => addUser(contosoId, { email: 'UNIQ@contoso.example' })],
      ['mobile', () => addUser(contosoId, { email: 'u1@contoso.example', mobile: '+3161' })],
      ['phone', () => addUser(contosoId, { email: 'u2@contoso.example', phone: '+3130' })],
      ['loginId', () => addUser(contosoId, { email: 'u3@contoso.example', loginId: 'uniq' })],
      ['extensions', () => db().insert(userExtensions).values({ accountId: contosoId, extension: '4200', userId: u.id })],
    ];
    for (const [field, attempt] of attempts) {
      const conflict = conflictFromUniqueViolation(await rejection(attempt()));
      expect(conflict).toBeInstanceOf(ConflictError);
      expect(conflict?.fieldErrors).toEqual({ [field]: ['errors.conflict'] });
    }
    expect(conflictFromUniqueViolation(new Error('other'))).toBeNull();
  });

  it('refuses changing your own role, and role changes without Roles Assign', async () => {
    const me = await userByEmail(EMAIL.alice);
    const own = await rejection(updateUser({ ctx: { actor: alice }, input: form(me, { role: 'user' }) }));
    expect((own as ValidationError).fieldErrors).toEqual({ role: ['users.errors.ownRole'] });
    const u = await addUser(contosoId, { email: 'role@contoso.example' });
    const noAssign: Actor = { ...alice, permissions: new Set([...alice.permissions].filter((p) => p !== 'roles.assign')) };
    expect(await rejection(updateUser({ ctx: { actor: noAssign }, input: form(u, { role: 'admin' }) }))).toBeInstanceOf(ForbiddenError);
    await updateUser({ ctx: { actor: noAssign }, input: form(u, { displayName: 'Renamed' }) });
    expect(await roleKeyOf(u.id)).toBe('user');
  });

  it("is NotFound for another account's user, even under this account's URL; Forbidden for plain users", async () => {
    const daan = await userByEmail(EMAIL.daan);
    for (const accountId of [contosoId, fabrikamId]) {
      expect(await rejection(updateUser({ ctx: { actor: alice }, input: form(daan, { accountId, displayName: 'Hacked' }) }))).toBeInstanceOf(NotFoundError);
      expect(await rejection(getUser(db(), alice, { accountId, userId: daan.id }))).toBeInstanceOf(NotFoundError);
    }
    expect((await userById(daan.id))?.displayName).toBe('Daan Jansen');
    const wendy = await userByEmail(EMAIL.wendy);
    expect(await rejection(updateUser({ ctx: { actor: await actorFor(EMAIL.uma) }, input: form(wendy) }))).toBeInstanceOf(ForbiddenError);
  });
});
