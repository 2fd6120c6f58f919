import { and, count, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, authTokens, events, mailOutbox } from '@/db/schema';
import { setPasswordWithToken } from '@/lib/auth/complete-registration';
import { requestPasswordReset } from '@/lib/auth/request-password-reset';
import { checkToken, hashToken } from '@/lib/auth/tokens';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { ValidationError } from '@/lib/errors';
import { sendWelcomeMail } from '@/lib/users/send-welcome';
import { DEMO_PASSWORD, EMAIL, latestMail, seed, tokenFromMail, userByEmail } from '../helpers';

beforeAll(seed);

const HOUR = 3600_000;
const welcomeToken = async (email: string) => tokenFromMail(await latestMail(email, 'welcome'), 'welcome');

/** The rejection of a promise that must reject with a ValidationError. */
async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

async function mailCount(): Promise<number> {
  const [row] = await db().select({ n: count() }).from(mailOutbox);
  return row!.n;
}

describe('welcome links (AUTH-3)', () => {
  it('register the user with the chosen password, which then signs in', async () => {
    const token = await welcomeToken(EMAIL.victor);
    const before = await userByEmail(EMAIL.victor);
    expect(await checkToken(db(), token, 'welcome')).toMatchObject({ ok: true, userId: before.id });

    expect(await setPasswordWithToken('welcome', { token, password: 'victor-pass-1', confirm: 'victor-pass-1' })).toEqual({ email: EMAIL.victor });

    const after = await userByEmail(EMAIL.victor);
    expect(after.registeredAt).toBeInstanceOf(Date);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyCredentials({ email: EMAIL.victor, password: 'victor-pass-1' }, 'ip')).toEqual({
      ok: true,
      userId: after.id,
      sessionVersion: after.sessionVersion,
    });
    const [event] = await db().select().from(events).where(eq(events.assetId, after.id)).orderBy(desc(events.seq)).limit(1);
    expect(event).toMatchObject({ action: 'Edit', asset: 'User', actorId: after.id, actorName: 'Victor Vance', accountId: after.accountId });
    expect(event?.coreDetails).toMatchObject({ change: 'registered' });
  });

  it('work only once: reusing the link is refused and does not change the password', async () => {
    const token = await welcomeToken(EMAIL.victor);
    const error = await validationError(setPasswordWithToken('welcome', { token, password: 'other-pass-22', confirm: 'other-pass-22' }));
    expect(error.fieldErrors).toEqual({ token: ['errors.link.used'] });
    expect(await verifyCredentials({ email: EMAIL.victor, password: 'other-pass-22' }, 'ip')).toMatchObject({ ok: false });
    expect(await verifyCredentials({ email: EMAIL.victor, password: 'victor-pass-1' }, 'ip')).toMatchObject({ ok: true });
  });

  it('reject a too short or mismatching password with field errors and write nothing', async () => {
    const token = await welcomeToken(EMAIL.wendy);
    const short = await validationError(setPasswordWithToken('welcome', { token, password: 'short', confirm: 'short' }));
    expect(short.fieldErrors.password).toEqual(['errors.passwordTooShort']);
    const differ = await validationError(setPasswordWithToken('welcome', { token, password: 'wendy-pass-1', confirm: 'wendy-pass-2' }));
    expect(differ.fieldErrors).toEqual({ confirm: ['errors.passwordsDiffer'] });

    const wendy = await userByEmail(EMAIL.wendy);
    expect(wendy.registeredAt).toBeNull();
    expect(wendy.passwordHash).toBeNull();
    const [row] = await db().select().from(authTokens).where(eq(authTokens.tokenHash, hashToken(token)));
    expect(row?.usedAt).toBeNull();
    expect(await checkToken(db(), token, 'welcome')).toMatchObject({ ok: true, userId: wendy.id });
  });

  it('expire after 7 days', async () => {
    const token = await welcomeToken(EMAIL.wendy);
    expect(await checkToken(db(), token, 'welcome', new Date(Date.now() + 6 * 24 * HOUR))).toMatchObject({ ok: true });
    expect(await checkToken(db(), token, 'welcome', new Date(Date.now() + 7 * 24 * HOUR + 60_000))).toEqual({ ok: false, problem: 'expired' });
  });

  it('past their expiry cannot register the user', async () => {
    const token = await welcomeToken(EMAIL.daan);
    await db().update(authTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authTokens.tokenHash, hashToken(token)));
    const error = await validationError(setPasswordWithToken('welcome', { token, password: 'daan-pass-12', confirm: 'daan-pass-12' }));
    expect(error.fieldErrors).toEqual({ token: ['errors.link.expired'] });
    expect((await userByEmail(EMAIL.daan)).registeredAt).toBeNull();
  });

  it('reject garbage and links of the other purpose as invalid', async () => {
    for (const token of ['x', 'not a token!', 'A'.repeat(43)]) {
      const error = await validationError(setPasswordWithToken('welcome', { token, password: 'some-pass-12', confirm: 'some-pass-12' }));
      expect(error.fieldErrors).toEqual({ token: ['errors.link.invalid'] });
    }
    const token = await welcomeToken(EMAIL.wendy);
    expect(await checkToken(db(), token, 'reset')).toEqual({ ok: false, problem: 'invalid' });
    const error = await validationError(setPasswordWithToken('reset', { token, password: 'some-pass-12', confirm: 'some-pass-12' }));
    expect(error.fieldErrors).toEqual({ token: ['errors.link.invalid'] });
    expect(await checkToken(db(), token, 'welcome')).toMatchObject({ ok: true });
  });

  it('stop working when a new welcome mail is sent; the new link works', async () => {
    const wendy = await userByEmail(EMAIL.wendy);
    const oldToken = await welcomeToken(EMAIL.wendy);
    expect(await db().transaction((tx) => sendWelcomeMail(tx, wendy.id))).toBe(true);
    const newToken = await welcomeToken(EMAIL.wendy);
    expect(newToken).not.toBe(oldToken);
    expect(await checkToken(db(), oldToken, 'welcome')).toMatchObject({ ok: false });
    await validationError(setPasswordWithToken('welcome', { token: oldToken, password: 'wendy-pass-1', confirm: 'wendy-pass-1' }));
    await setPasswordWithToken('welcome', { token: newToken, password: 'wendy-pass-1', confirm: 'wendy-pass-1' });
    expect(await verifyCredentials({ email: EMAIL.wendy, password: 'wendy-pass-1' }, 'ip')).toMatchObject({ ok: true });
  });

  it('are not sent to users who are already registered', async () => {
    const alice = await userByEmail(EMAIL.alice);
    const before = await mailCount();
    expect(await db().transaction((tx) => sendWelcomeMail(tx, alice.id))).toBe(false);
    expect(await mailCount()).toBe(before);
  });
});

describe('password reset (AUTH-4)', () => {
  it("mails a reset link in the account's language (Fabrikam: Dutch)", async () => {
    await requestPasswordReset({ email: 'Sanne.DeVries@Fabrikam.example' });
    const mail = await latestMail(EMAIL.sanne, 'reset');
    expect(mail).toMatchObject({ locale: 'nl', status: 'captured', toAddress: EMAIL.sanne });
    expect(mail?.text).toMatch(/^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{40,}$/m);
    await requestPasswordReset({ email: EMAIL.alice });
    expect((await latestMail(EMAIL.alice, 'reset'))?.locale).toBe('en');
  });

  it('sets a new password once through the reset link, ends other sessions and records an event', async () => {
    const before = await userByEmail(EMAIL.sanne);
    const token = tokenFromMail(await latestMail(EMAIL.sanne, 'reset'), 'reset-password');
    await setPasswordWithToken('reset', { token, password: 'sanne-new-pass', confirm: 'sanne-new-pass' });

    const after = await userByEmail(EMAIL.sanne);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.registeredAt?.getTime()).toBe(before.registeredAt?.getTime());
    expect(await verifyCredentials({ email: EMAIL.sanne, password: DEMO_PASSWORD }, 'ip')).toMatchObject({ ok: false });
    expect(await verifyCredentials({ email: EMAIL.sanne, password: 'sanne-new-pass' }, 'ip')).toMatchObject({ ok: true });

    const error = await validationError(setPasswordWithToken('reset', { token, password: 'third-pass-33', confirm: 'third-pass-33' }));
    expect(error.fieldErrors).toEqual({ token: ['errors.link.used'] });

    const recorded = await db()
      .select()
      .from(events)
      .where(and(eq(events.actorId, after.id), eq(events.asset, 'Password')));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ action: 'Edit', actorName: 'Sanne de Vries', assetId: after.id });
    expect(recorded[0]?.coreDetails).toMatchObject({ change: 'passwordReset' });
  });

  it('reset links expire after one hour', async () => {
    await requestPasswordReset({ email: EMAIL.bram });
    const token = tokenFromMail(await latestMail(EMAIL.bram, 'reset'), 'reset-password');
    expect(await checkToken(db(), token, 'reset', new Date(Date.now() + 50 * 60_000))).toMatchObject({ ok: true });
    expect(await checkToken(db(), token, 'reset', new Date(Date.now() + HOUR + 60_000))).toEqual({ ok: false, problem: 'expired' });
  });

  it('a second request replaces the first link', async () => {
    await requestPasswordReset({ email: EMAIL.uma });
    const first = tokenFromMail(await latestMail(EMAIL.uma, 'reset'), 'reset-password');
    await requestPasswordReset({ email: EMAIL.uma });
    const second = tokenFromMail(await latestMail(EMAIL.uma, 'reset'), 'reset-password');
    expect(await checkToken(db(), first, 'reset')).toMatchObject({ ok: false });
    expect(await checkToken(db(), second, 'reset')).toMatchObject({ ok: true });
  });

  it('writes no mail and throws nothing for unknown or unregistered e-mails', async () => {
    const before = await mailCount();
    await expect(requestPasswordReset({ email: 'nobody@fabrikam.example' })).resolves.toBeUndefined();
    await expect(requestPasswordReset({ email: EMAIL.daan })).resolves.toBeUndefined();
    expect(await mailCount()).toBe(before);
    const daan = await userByEmail(EMAIL.daan);
    const resets = await db()
      .select()
      .from(authTokens)
      .where(and(eq(authTokens.userId, daan.id), eq(authTokens.purpose, 'reset')));
    expect(resets).toHaveLength(0);
  });

  it('sends no reset link to users of a deactivated account', async () => {
    const bram = await userByEmail(EMAIL.bram);
    await db().update(accounts).set({ status: 'deactivated' }).where(eq(accounts.id, bram.accountId!));
    try {
      const before = await mailCount();
      await expect(requestPasswordReset({ email: EMAIL.sanne })).resolves.toBeUndefined();
      expect(await mailCount()).toBe(before);
    } finally {
      await db().update(accounts).set({ status: 'active' }).where(eq(accounts.id, bram.accountId!));
    }
  });

  it('rejects a malformed e-mail with a field error', async () => {
    const error = await validationError(requestPasswordReset({ email: 'not-an-email' }));
    expect(error.fieldErrors).toEqual({ email: ['errors.invalidEmail'] });
  });
});
