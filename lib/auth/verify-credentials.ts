import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { ssoSignInFor } from '@/lib/sso/sign-in-method';
import { verifyPassword } from './password';
import { SignInInput } from './schemas';
import { clearSignInFailures, isSignInLimited, recordSignInFailure } from './rate-limit';


export type SignInResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: 'invalid' | 'rateLimited' | 'deactivated' | 'ssoRequired' };

/**
 * E-mail + password sign-in (AUTH-2). Unknown e-mail, wrong password and unregistered user all
 * answer `invalid`, so the answer does not reveal which addresses exist. A user whose account signs
 * in through SAML only is answered `ssoRequired` (the form offers the IdP).
 */
export async function verifyCredentials(input: unknown, ip: string): Promise<SignInResult> {
  const parsed = SignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;
  const q = db();
  if (await isSignInLimited(q, email, ip)) return { ok: false, reason: 'rateLimited' };

  const [row] = await q
    .select({ id: users.id, hash: users.passwordHash, sv: users.sessionVersion, source: users.source, inactive: users.inactive, accountStatus: accounts.status })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);

  // AUTH-4: an account with SAML SSO signs its users in at its IdP, unless "Mitel credentials" is on.
  // Said before the password is checked: such a user may have none, and the e-mail-first "Sign in
  // with single sign-on" answers the same question for anyone who types the address.
  if (row && (await ssoSignInFor(q, email))?.passwordAllowed === false) return { ok: false, reason: 'ssoRequired' };
  const valid = await verifyPassword(row && row.source !== 'oidc' ? row.hash : null, password);
  if (!row || !valid) {
    await recordSignInFailure(q, email, ip);
    return { ok: false, reason: 'invalid' };
  }
  // A deactivated account, or a user deactivated at its source (SCIM active=false, gone from the PBX).
  if ((row.accountStatus && row.accountStatus !== 'active') || row.inactive) return { ok: false, reason: 'deactivated' };
  await clearSignInFailures(q, email, ip);
  await q.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, row.id));
  return { ok: true, userId: row.id, sessionVersion: row.sv };
}
