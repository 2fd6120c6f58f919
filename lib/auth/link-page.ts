import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { checkToken, type TokenProblem, type TokenPurpose } from './tokens';

/** What a welcome / reset page shows: the form for the user's e-mail, or the link's problem. */
export async function inspectLink(purpose: TokenPurpose, token: string): Promise<{ ok: true; email: string } | { ok: false; problem: TokenProblem }> {
  const check = await checkToken(db(), token, purpose);
  if (!check.ok) return check;
  const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, check.userId)).limit(1);
  return user ? { ok: true, email: user.email } : { ok: false, problem: 'invalid' };
}
