import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { issueToken } from '@/lib/auth/tokens';
import { env } from '@/lib/env';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n/config';
import { queueMail } from '@/lib/mail/queue-mail';

/** Mails go out in the account's default language (SHELL-6); partner users get their own. */
export function mailLocale(user: { locale: string | null }, accountLanguage: string | null | undefined): Locale {
  if (isLocale(accountLanguage)) return accountLanguage;
  return isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
}

/**
 * AUTH-3: issues a fresh single-use welcome link for an unregistered user and queues the
 * "Complete your account creation" mail. Registered users are skipped (returns false).
 * Callers authorise and record the event; this is the shared mechanism.
 */
export async function sendWelcomeMail(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ user: users, accountName: accounts.name, accountLanguage: accounts.defaultLanguage })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, userId), isNull(users.registeredAt)))
    .limit(1);
  if (!row) return false;
  const token = await issueToken(tx, userId, 'welcome');
  await queueMail(tx, {
    template: 'welcome',
    locale: mailLocale(row.user, row.accountLanguage),
    to: row.user.email,
    partnerOrgId: row.user.partnerOrgId,
    accountId: row.user.accountId,
    params: { name: row.user.displayName, link: `${env().APP_URL}/welcome/${token}`, accountName: row.accountName ?? undefined },
  });
  return true;
}
