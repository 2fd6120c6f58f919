import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, events, mailOutbox } from '@/db/schema';
import { setPasswordWithToken } from '@/lib/auth/complete-registration';
import { checkToken } from '@/lib/auth/tokens';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { resendWelcome } from '@/lib/users/resend-welcome';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { EMAIL, accountByName, actorFor, latestMail, seed, tokenFromMail, userByEmail } from '../helpers';
import { addUser, rejection } from './fixtures';

let alice: Actor;
let partner: Actor;
let contosoId: string;

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  partner = await actorFor(EMAIL.partner);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

const mails = async () => (await db().select({ n: count() }).from(mailOutbox))[0]!.n;
const ref = (userId: string, accountId = contosoId) => ({ accountId, userId });

describe('resendWelcome (AUTH-3)', () => {
  it('sends a fresh link to an unregistered user; the earlier link stops working; the event is recorded', async () => {
    const wendy = await userByEmail(EMAIL.wendy);
    const old = tokenFromMail(await latestMail(EMAIL.wendy, 'welcome'), 'welcome');
    await resendWelcome({ ctx: { actor: alice }, input: ref(wendy.id) });
    const fresh = tokenFromMail(await latestMail(EMAIL.wendy, 'welcome'), 'welcome');
    expect(fresh).not.toBe(old);
    expect(await checkToken(db(), old, 'welcome')).toMatchObject({ ok: false });
    expect(await checkToken(db(), fresh, 'welcome')).toMatchObject({ ok: true, userId: wendy.id });
    const [event] = await db().select().from(events).where(and(eq(events.assetId, wendy.id), eq(events.actorName, 'Alice Admin')));
    expect(event).toMatchObject({ action: 'Edit', asset: 'User', accountId: contosoId });
    expect(event?.coreDetails).toMatchObject({ change: 'welcomeMailSent' });
  });

  it('refuses a registered user, another account and a plain user, sending nothing', async () => {
    const before = await mails();
    const uma = await userByEmail(EMAIL.uma);
    expect(await rejection(resendWelcome({ ctx: { actor: alice }, input: ref(uma.id) }))).toMatchObject({ messageKey: 'users.errors.alreadyRegistered' });
    const daan = await userByEmail(EMAIL.daan);
    expect(await rejection(resendWelcome({ ctx: { actor: alice }, input: ref(daan.id) }))).toBeInstanceOf(NotFoundError);
    const victor = await userByEmail(EMAIL.victor);
    expect(await rejection(resendWelcome({ ctx: { actor: await actorFor(EMAIL.uma) }, input: ref(victor.id) }))).toBeInstanceOf(ForbiddenError);
    expect(await mails()).toBe(before);
  });
});

describe('resetUserPassword (AUTH-4, admin-initiated)', () => {
  it('mails a reset link to a registered user, which sets a new password; the event is recorded', async () => {
    const u = await addUser(contosoId, { email: 'reset.me@contoso.example', registeredAt: new Date() });
    await resetUserPassword({ ctx: { actor: partner }, input: ref(u.id) });
    const mail = await latestMail('reset.me@contoso.example', 'reset');
    expect(mail).toMatchObject({ accountId: contosoId, locale: 'en' });
    await setPasswordWithToken('reset', { token: tokenFromMail(mail, 'reset-password'), password: 'new-pass-123', confirm: 'new-pass-123' });
    expect(await verifyCredentials({ email: 'reset.me@contoso.example', password: 'new-pass-123' }, 'ip')).toMatchObject({ ok: true });
    const [event] = await db().select().from(events).where(and(eq(events.assetId, u.id), eq(events.asset, 'Password'), eq(events.actorName, 'Pat Partner')));
    expect(event).toMatchObject({ action: 'Edit', accountId: contosoId, actorKind: 'partner' });
    expect(event?.coreDetails).toMatchObject({ change: 'passwordResetRequested' });
  });

  it("uses the account's language for the mail (Fabrikam: Dutch)", async () => {
    const sanne = await userByEmail(EMAIL.sanne);
    await resetUserPassword({ ctx: { actor: partner }, input: ref(sanne.id, sanne.accountId!) });
    expect((await latestMail(EMAIL.sanne, 'reset'))?.locale).toBe('nl');
  });

  it('sends nothing to unregistered users or in a deactivated account', async () => {
    const before = await mails();
    const victor = await addUser(contosoId, { email: 'not.registered@contoso.example' });
    const error = await rejection(resetUserPassword({ ctx: { actor: alice }, input: ref(victor.id) }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ messageKey: 'users.errors.notRegistered' });
    const fabrikam = await accountByName('Fabrikam BV');
    const bram = await userByEmail(EMAIL.bram);
    await db().update(accounts).set({ status: 'deactivated' }).where(eq(accounts.id, fabrikam.id));
    try {
      expect(await rejection(resetUserPassword({ ctx: { actor: partner }, input: ref(bram.id, fabrikam.id) }))).toMatchObject({ messageKey: 'users.errors.accountInactive' });
    } finally {
      await db().update(accounts).set({ status: 'active' }).where(eq(accounts.id, fabrikam.id));
    }
    expect(await mails()).toBe(before);
  });

  it('is NotFound across tenants and Forbidden for plain users', async () => {
    const bram = await userByEmail(EMAIL.bram);
    expect(await rejection(resetUserPassword({ ctx: { actor: alice }, input: ref(bram.id) }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(resetUserPassword({ ctx: { actor: alice }, input: ref(bram.id, bram.accountId!) }))).toBeInstanceOf(NotFoundError);
    const uma = await userByEmail(EMAIL.uma);
    expect(await rejection(resetUserPassword({ ctx: { actor: await actorFor(EMAIL.uma) }, input: ref(uma.id) }))).toBeInstanceOf(ForbiddenError);
  });
});
