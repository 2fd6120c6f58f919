import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { DEMO_PASSWORD, EMAIL, accountByName, seed, userByEmail } from '../helpers';

beforeAll(seed);

const signIn = (email: string, password: string, ip: string) => verifyCredentials({ email, password }, ip);

async function failTimes(n: number, email: string, ip: string) {
  for (let i = 0; i < n; i++) expect(await signIn(email, 'wrong-password', ip)).toEqual({ ok: false, reason: 'invalid' });
}

describe('verifyCredentials (AUTH-2)', () => {
  it('signs in with the right password and answers the current session version', async () => {
    const alice = await userByEmail(EMAIL.alice);
    await db().update(users).set({ sessionVersion: 4 }).where(eq(users.id, alice.id));
    expect(await signIn(EMAIL.alice, DEMO_PASSWORD, 'ip-ok')).toEqual({ ok: true, userId: alice.id, sessionVersion: 4 });
    expect((await userByEmail(EMAIL.alice)).lastSignInAt).toBeInstanceOf(Date);
  });

  it('treats the e-mail case-insensitively', async () => {
    const alice = await userByEmail(EMAIL.alice);
    const result = await signIn('Alice.ADMIN@Contoso.Example', DEMO_PASSWORD, 'ip-case');
    expect(result).toMatchObject({ ok: true, userId: alice.id });
  });

  it('answers the same "invalid" for a wrong password, an unknown e-mail and an unregistered user', async () => {
    expect(await signIn(EMAIL.alice, 'not-the-password', 'ip-invalid')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('nobody@contoso.example', DEMO_PASSWORD, 'ip-invalid')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(EMAIL.victor, DEMO_PASSWORD, 'ip-invalid')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(EMAIL.victor, '', 'ip-invalid')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('answers "invalid" for malformed input instead of throwing', async () => {
    expect(await verifyCredentials({ email: 'not-an-email', password: DEMO_PASSWORD }, 'ip-bad')).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyCredentials(null, 'ip-bad')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses users of a deactivated account with "deactivated", but only with the right password', async () => {
    const fabrikam = await accountByName('Fabrikam BV');
    await db().update(accounts).set({ status: 'deactivated' }).where(eq(accounts.id, fabrikam.id));
    try {
      expect(await signIn(EMAIL.bram, DEMO_PASSWORD, 'ip-deact')).toEqual({ ok: false, reason: 'deactivated' });
      expect(await signIn(EMAIL.bram, 'wrong-password', 'ip-deact')).toEqual({ ok: false, reason: 'invalid' });
      // Users of other accounts are unaffected.
      expect(await signIn(EMAIL.uma, DEMO_PASSWORD, 'ip-deact')).toMatchObject({ ok: true });
    } finally {
      await db().update(accounts).set({ status: 'active' }).where(eq(accounts.id, fabrikam.id));
    }
    expect(await signIn(EMAIL.bram, DEMO_PASSWORD, 'ip-deact')).toMatchObject({ ok: true });
  });

  it('blocks the e-mail from one address after 10 failures, even with the right password; other addresses still work', async () => {
    await failTimes(9, EMAIL.uma, 'ip-attacker');
    // Case variants of the e-mail count towards the same limit.
    expect(await signIn(EMAIL.uma.toUpperCase(), 'wrong-password', 'ip-attacker')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(EMAIL.uma, DEMO_PASSWORD, 'ip-attacker')).toEqual({ ok: false, reason: 'rateLimited' });
    expect(await signIn(EMAIL.uma, DEMO_PASSWORD, 'ip-elsewhere')).toMatchObject({ ok: true });
    // Other e-mails from the same address are not blocked.
    expect(await signIn(EMAIL.alice, DEMO_PASSWORD, 'ip-attacker')).toMatchObject({ ok: true });
  });

  it('does not limit after 9 failures, and a success starts the count again', async () => {
    await failTimes(9, EMAIL.sanne, 'ip-clumsy');
    expect(await signIn(EMAIL.sanne, DEMO_PASSWORD, 'ip-clumsy')).toMatchObject({ ok: true });
    // Without the reset these would be failures 10 and 11 and the next sign-in would be refused.
    await failTimes(2, EMAIL.sanne, 'ip-clumsy');
    expect(await signIn(EMAIL.sanne, DEMO_PASSWORD, 'ip-clumsy')).toMatchObject({ ok: true });
  });

  it('limits unknown e-mails too, so probing answers the same as for existing ones', async () => {
    await failTimes(10, 'ghost@contoso.example', 'ip-probe');
    expect(await signIn('ghost@contoso.example', DEMO_PASSWORD, 'ip-probe')).toEqual({ ok: false, reason: 'rateLimited' });
  });
});
