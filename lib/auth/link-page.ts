import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { ssoSignInFor } from '@/lib/sso/sign-in-method';
import { checkToken, type TokenProblem, type TokenPurpose } from './tokens';

/** What a welcome / reset page shows: the form for the user's e-mail, or the link's problem. */
export async function inspectLink(purpose: TokenPurpose, token: string): Promise<{ ok: true; email: string; ssoOnly: boolean } | { ok: false; problem: TokenProblem }> {
  const check = await checkToken(db(), token, purpose);
  if (!check.ok) return check;
  const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, check.userId)).limit(1);
  if (!user) return { ok: false, problem: 'invalid' };
  // SSO-2: a user who signs in only through the account's IdP registers without a password.
  const ssoOnly = purpose === 'welcome' && (await ssoSignInFor(db(), user.email))?.passwordAllowed === false;
  return { ok: true, email: user.email, ssoOnly };
}
