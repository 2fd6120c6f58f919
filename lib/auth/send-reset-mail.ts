import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { env } from '@/lib/env';
import { queueMail } from '@/lib/mail/queue-mail';
import { mailLocale } from '@/lib/users/send-welcome';
import { ssoSignInFor } from '@/lib/sso/sign-in-method';
import { issueToken } from './tokens';

/**
 * AUTH-4: issues a fresh one-hour reset link and queues the "Reset your password" mail, for a
 * registered password user of an active account only (returns false otherwise, sending nothing),
 * and not for users whose account signs in through its IdP only (SSO-2).
 * Shared by "Forgot password" and the admin-initiated resets; callers authorise and audit.
 */
export async function sendPasswordResetMail(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ user: users, accountStatus: accounts.status, accountLanguage: accounts.defaultLanguage, accountName: accounts.name })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, userId), isNotNull(users.registeredAt)))
    .limit(1);
  if (!row || row.user.source === 'oidc' || (row.user.accountId && row.accountStatus !== 'active')) return false;
  // AUTH-4: with SAML SSO (and no "Mitel credentials") the password belongs to the customer's IdP.
  if ((await ssoSignInFor(tx, row.user.email))?.passwordAllowed === false) return false;
  const token = await issueToken(tx, row.user.id, 'reset');
  await queueMail(tx, {
    template: 'reset',
    locale: mailLocale(row.user, row.accountLanguage),
    to: row.user.email,
    partnerOrgId: row.user.partnerOrgId,
    accountId: row.user.accountId,
    params: { name: row.user.displayName, link: `${env().APP_URL}/reset-password/${token}`, accountName: row.accountName ?? undefined },
  });
  return true;
}
