import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { signInFailures } from '@/db/schema';

/** Beyond AUTH: at most 10 failed sign-ins per e-mail and client address in 15 minutes. */
export const SIGN_IN_LIMIT = { failures: 10, windowMs: 15 * 60_000 } as const;

export async function isSignInLimited(q: DbOrTx, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_LIMIT.windowMs);
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, email.toLowerCase()), eq(signInFailures.ip, ip), gt(signInFailures.at, since)));
  return (row?.n ?? 0) >= SIGN_IN_LIMIT.failures;
}

export async function recordSignInFailure(q: DbOrTx, email: string, ip: string): Promise<void> {
  await q.insert(signInFailures).values({ email: email.toLowerCase(), ip });
  // Old rows serve no purpose; trimming here keeps the table small without a scheduled job.
  await q.delete(signInFailures).where(sql`${signInFailures.at} < now() - interval '1 day'`);
}

export async function clearSignInFailures(q: DbOrTx, email: string, ip: string): Promise<void> {
  await q.delete(signInFailures).where(and(eq(signInFailures.email, email.toLowerCase()), eq(signInFailures.ip, ip)));
}
