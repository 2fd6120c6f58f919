import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { authTokens } from '@/db/schema';

export type TokenPurpose = 'welcome' | 'reset';
export type TokenProblem = 'invalid' | 'expired' | 'used';

/** Welcome links stay valid for 7 days, reset links for 1 hour (AUTH-3, AUTH-4). */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = { welcome: 7 * 24 * 3600_000, reset: 3600_000 };

export function hashToken(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/** Issues a single-use link token; earlier unused tokens of the same purpose stop working. */
export async function issueToken(tx: Tx, userId: string, purpose: TokenPurpose, now = new Date()): Promise<string> {
  const raw = randomBytes(32).toString('base64url');
  await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
  await tx.insert(authTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(raw),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
  });
  return raw;
}

export type TokenCheck = { ok: true; userId: string; tokenId: string } | { ok: false; problem: TokenProblem };

/** Looks a token up without using it (the page that shows the set-password form). */
export async function checkToken(q: DbOrTx, raw: string, purpose: TokenPurpose, now = new Date()): Promise<TokenCheck> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(raw)) return { ok: false, problem: 'invalid' };
  const [row] = await q
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(raw)), eq(authTokens.purpose, purpose)))
    .limit(1);
  if (!row) return { ok: false, problem: 'invalid' };
  if (row.usedAt) return { ok: false, problem: 'used' };
  if (row.expiresAt <= now) return { ok: false, problem: 'expired' };
  return { ok: true, userId: row.userId, tokenId: row.id };
}

/** Uses a token once: the row is locked, so two concurrent uses cannot both succeed. */
export async function consumeToken(tx: Tx, raw: string, purpose: TokenPurpose, now = new Date()): Promise<TokenCheck> {
  const check = await checkToken(tx, raw, purpose, now);
  if (!check.ok) return check;
  const used = await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.id, check.tokenId), isNull(authTokens.usedAt)))
    .returning({ id: authTokens.id });
  return used.length === 1 ? check : { ok: false, problem: 'used' };
}
