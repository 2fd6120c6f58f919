import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { authTokens, userExtensions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { deleteUser } from '@/lib/users/delete-user';
import { listUsers } from '@/lib/users/list-users';
import { resendWelcome } from '@/lib/users/resend-welcome';
import { EMAIL, accountByName, actorFor, baseRoleId, latestMail, seed, userByEmail } from '../helpers';
import { addUser, eventsOf, rejection, userById } from './fixtures';

let alice: Actor;
let contosoId: string;

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

const del = (actor: Actor, userId: string, accountId = contosoId) => deleteUser({ ctx: { actor }, input: { accountId, userId } });

describe('deleteUser (USR-6)', () => {
  it('deletes a portal user with its extensions and tokens, and records the event', async () => {
    const u = await addUser(contosoId, { email: 'gone@contoso.example' }, ['4300']);
    await resendWelcome({ ctx: { actor: alice }, input: { accountId: contosoId, userId: u.id } });
    expect(await del(alice, u.id)).toEqual({ outcome: 'deleted' });
    expect(await userById(u.id)).toBeUndefined();
    expect(await db().select().from(userExtensions).where(eq(userExtensions.userId, u.id))).toHaveLength(0);
    expect(await db().select().from(authTokens).where(eq(authTokens.userId, u.id))).toHaveLength(0);
    const [, deleted] = await eventsOf(u.id);
    expect(deleted).toMatchObject({ action: 'Delete', asset: 'User', accountId: contosoId, actorName: 'Alice Admin' });
    expect(deleted?.coreDetails).toMatchObject({ before: { email: 'gone@contoso.example' } });
    expect(await rejection(del(alice, u.id))).toBeInstanceOf(NotFoundError);
  });

  it.each(['pbx', 'scim'] as const)('removes only the CloudLink identity of a %s user, who stays listed and re-invitable', async (source) => {
    const u = await addUser(contosoId, { email: `${source}.sync@contoso.example`, source, passwordHash: 'x', registeredAt: new Date() }, ['4400' + source.length]);
    const [tokenUser] = await db().insert(authTokens).values({ userId: u.id, purpose: 'reset', tokenHash: `h-${source}`, expiresAt: new Date(Date.now() + 3600_000) }).returning();
    expect(await del(alice, u.id)).toEqual({ outcome: 'identityRemoved' });
    const after = await userById(u.id);
    expect(after).toMatchObject({ passwordHash: null, registeredAt: null, sessionVersion: u.sessionVersion + 1, source });
    expect(await db().select().from(authTokens).where(and(eq(authTokens.id, tokenUser!.id), isNull(authTokens.usedAt)))).toHaveLength(0);
    const listed = await listUsers(db(), alice, contosoId, { q: `${source}.sync` });
    expect(listed.rows).toMatchObject([{ id: u.id, registered: false, extensions: ['4400' + source.length] }]);
    const [event] = await eventsOf(u.id);
    expect(event).toMatchObject({ action: 'Delete', asset: 'User' });
    expect(event?.coreDetails).toMatchObject({ change: 'identityRemoved' });
    expect(JSON.stringify(event?.coreDetails)).not.toContain('"x"');

    await resendWelcome({ ctx: { actor: alice }, input: { accountId: contosoId, userId: u.id } });
    expect(await latestMail(u.email, 'welcome')).toBeDefined();
  });

  it('refuses users synchronised from a cloud PBX, partner users and yourself', async () => {
    const cloud = await addUser(contosoId, { email: 'cloud@contoso.example', source: 'micloud' });
    expect(await rejection(del(alice, cloud.id))).toMatchObject({ messageKey: 'users.errors.cloudPbxNotDeletable' });
    const partnerRole = await addUser(contosoId, { email: 'partnerish@contoso.example', roleId: await baseRoleId('partner') });
    expect(await rejection(del(alice, partnerRole.id))).toMatchObject({ messageKey: 'users.errors.partnerNotDeletable' });
    const me = await userByEmail(EMAIL.alice);
    expect(await rejection(del(alice, me.id))).toMatchObject({ messageKey: 'users.errors.ownAccount' });
    // The partner organisation's own users are not in any account: they look absent.
    const partner = await userByEmail(EMAIL.partner);
    expect(await rejection(del(await actorFor(EMAIL.partner), partner.id))).toBeInstanceOf(NotFoundError);
    for (const id of [cloud.id, partnerRole.id, me.id, partner.id]) expect(await userById(id)).toBeDefined();
  });

  it("is NotFound across accounts and Forbidden for plain users; nothing is deleted", async () => {
    const daan = await userByEmail(EMAIL.daan);
    const fabrikamId = (await accountByName('Fabrikam BV')).id;
    expect(await rejection(del(alice, daan.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(del(alice, daan.id, fabrikamId))).toBeInstanceOf(NotFoundError);
    const wendy = await userByEmail(EMAIL.wendy);
    expect(await rejection(del(await actorFor(EMAIL.uma), wendy.id))).toBeInstanceOf(ForbiddenError);
    const noDelete: Actor = { ...alice, permissions: new Set([...alice.permissions].filter((p) => p !== 'users.delete')) };
    expect(await rejection(del(noDelete, wendy.id))).toBeInstanceOf(ForbiddenError);
    expect(await db().select().from(users).where(eq(users.id, daan.id))).toHaveLength(1);
    expect(await userById(wendy.id)).toBeDefined();
  });
});
