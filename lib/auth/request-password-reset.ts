import 'server-only';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { env } from '@/lib/env';
import { validationFromZod } from '@/lib/errors';
import { queueMail } from '@/lib/mail/queue-mail';
import { mailLocale } from '@/lib/users/send-welcome';
import { ForgotPasswordInput } from './schemas';
import { issueToken } from './tokens';


/**
 * "Forgot password": mails a one-hour reset link to a registered password user of an active
 * account (AUTH-4: only registered users get the mail). The answer is the same whether or not
 * the address exists, so the form cannot be used to discover accounts.
 */
export async function requestPasswordReset(input: unknown): Promise<void> {
  const parsed = ForgotPasswordInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const email = parsed.data.email.toLowerCase();
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ user: users, accountStatus: accounts.status, accountLanguage: accounts.defaultLanguage, accountName: accounts.name })
      .from(users)
      .leftJoin(accounts, eq(accounts.id, users.accountId))
      .where(and(eq(sql`lower(${users.email})`, email), isNotNull(users.registeredAt)))
      .limit(1);
    if (!row || row.user.source === 'oidc' || row.accountStatus === 'deactivated') return;
    const token = await issueToken(tx, row.user.id, 'reset');
    await queueMail(tx, {
      template: 'reset',
      locale: mailLocale(row.user, row.accountLanguage),
      to: row.user.email,
      partnerOrgId: row.user.partnerOrgId,
      accountId: row.user.accountId,
      params: { name: row.user.displayName, link: `${env().APP_URL}/reset-password/${token}`, accountName: row.accountName ?? undefined },
    });
  });
}
