import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { ssoTickets } from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';

/** The cookie that carries a verified SSO sign-in from the ACS to next-auth's sign-in call. */
export const SSO_TICKET_COOKIE = 'sso_ticket';
export const TICKET_TTL_MS = 2 * 60_000;

export async function issueSsoTicket(tx: Tx, userId: string): Promise<string> {
  const raw = randomBytes(32).toString('base64url');
  await tx.insert(ssoTickets).values({ tokenHash: hashToken(raw), userId, expiresAt: new Date(Date.now() + TICKET_TTL_MS) });
  return raw;
}

/** Uses a ticket once: the user it was issued for, or null when unknown, used or expired. */
export async function redeemSsoTicket(q: DbOrTx, raw: string): Promise<string | null> {
  const [row] = await q
    .update(ssoTickets)
    .set({ usedAt: new Date() })
    .where(and(eq(ssoTickets.tokenHash, hashToken(raw)), isNull(ssoTickets.usedAt), gt(ssoTickets.expiresAt, new Date())))
    .returning({ userId: ssoTickets.userId });
  return row?.userId ?? null;
}
