import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, mailOutbox, roles, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { EMAIL, accountByName, actorFor, latestMail, seed, tokenFromMail, userByEmail } from '../helpers';
import { eventsOf, rejection } from './fixtures';

let partner: Actor;
let alice: Actor;
let contosoId: string;

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

const counts = async () => ({
  users: (await db().select({ n: count() }).from(users))[0]!.n,
  events: (await db().select({ n: count() }).from(events))[0]!.n,
  mails: (await db().select({ n: count() }).from(mailOutbox))[0]!.n,
});

describe('createUser (USR-2)', () => {
  it('adds the user, records the event and sends the welcome mail', async () => {
    const { id } = await createUser({ ctx: { actor: alice }, input: { accountId: contosoId, firstName: ' Nina ', lastName: 'Nieuw', email: 'nina@contoso.example', accountAdmin: false } });
    const user = await userByEmail('nina@contoso.example');
    expect(user).toMatchObject({ id, accountId: contosoId, firstName: 'Nina', lastName: 'Nieuw', displayName: 'Nina Nieuw', source: 'portal', registeredAt: null, updatedBy: 'Alice Admin' });
    const [role] = await db().select().from(roles).where(eq(roles.id, user.roleId));
    expect(role?.key).toBe('user');
    const [event] = await eventsOf(id);
    expect(event).toMatchObject({ action: 'Create', asset: 'User', accountId: contosoId, actorName: 'Alice Admin' });
    expect(event?.coreDetails).toMatchObject({ after: { email: 'nina@contoso.example', role: 'user', registered: false } });
    expect(JSON.stringify(event?.coreDetails)).not.toMatch(/passwordHash|\$argon/);
    const mail = await latestMail('nina@contoso.example', 'welcome');
    expect(mail).toMatchObject({ accountId: contosoId, locale: 'en' });
    expect(tokenFromMail(mail, 'welcome')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('makes an Account Admin when the toggle is on (partner acting in the account)', async () => {
    await createUser({ ctx: { actor: partner }, input: { accountId: contosoId, firstName: 'Ad', lastName: 'Min', email: 'ad.min@contoso.example', accountAdmin: true } });
    const user = await userByEmail('ad.min@contoso.example');
    const [role] = await db().select().from(roles).where(eq(roles.id, user.roleId));
    expect(role?.key).toBe('admin');
  });

  it('rejects a duplicate e-mail (any case) with the "already in use" conflict on the field, writing nothing', async () => {
    const before = await counts();
    const error = await rejection(createUser({ ctx: { actor: alice }, input: { accountId: contosoId, firstName: 'A', lastName: 'B', email: 'UMA.user@contoso.example', accountAdmin: false } }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ messageKey: 'errors.conflict', fieldErrors: { email: ['errors.conflict'] } });
    expect(await counts()).toEqual(before);
  });

  it('rejects bad input with every field error and writes nothing', async () => {
    const before = await counts();
    const error = await rejection(createUser({ ctx: { actor: alice }, input: { accountId: contosoId, firstName: '', lastName: 'x'.repeat(65), email: 'not-an-email', accountAdmin: false } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ firstName: ['errors.required'], lastName: ['errors.tooLong'], email: ['errors.invalidEmail'] });
    const long = await rejection(createUser({ ctx: { actor: alice }, input: { accountId: contosoId, firstName: 'A', lastName: 'B', email: `${'x'.repeat(250)}@a.example` } }));
    expect((long as ValidationError).fieldErrors).toEqual({ email: ['errors.tooLong'] });
    expect(await counts()).toEqual(before);
  });

  it("is NotFound in another tenant's account and Forbidden for plain users and for admin rights without Roles Assign", async () => {
    const fabrikam = await accountByName('Fabrikam BV');
    const input = { accountId: fabrikam.id, firstName: 'X', lastName: 'Y', email: 'x.y@fabrikam.example', accountAdmin: false };
    expect(await rejection(createUser({ ctx: { actor: alice }, input }))).toBeInstanceOf(NotFoundError);
    const uma = await actorFor(EMAIL.uma);
    expect(await rejection(createUser({ ctx: { actor: uma }, input: { ...input, accountId: contosoId } }))).toBeInstanceOf(ForbiddenError);
    const noAssign: Actor = { ...alice, permissions: new Set([...alice.permissions].filter((p) => p !== 'roles.assign')) };
    expect(await rejection(createUser({ ctx: { actor: noAssign }, input: { ...input, accountId: contosoId, accountAdmin: true } }))).toBeInstanceOf(ForbiddenError);
    expect(await db().select().from(users).where(eq(users.email, 'x.y@fabrikam.example'))).toHaveLength(0);
  });
});
