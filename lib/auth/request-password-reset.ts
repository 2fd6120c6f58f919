import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { validationFromZod } from '@/lib/errors';
import { ForgotPasswordInput } from './schemas';
import { sendPasswordResetMail } from './send-reset-mail';

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
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email))
      .limit(1);
    if (row) await sendPasswordResetMail(tx, row.id);
  });
}
