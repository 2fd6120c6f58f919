import 'server-only';
import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { db } from '@/db/client';
import { mailOutbox } from '@/db/schema';
import { env } from '@/lib/env';

let transport: Transporter | undefined;
function smtp(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new Error('SMTP_URL is not set');
  transport ??= nodemailer.createTransport(url);
  return transport;
}

/**
 * The `mail-delivery` job: sends one outbox mail through SMTP. A failure is recorded and rethrown
 * so the queue retries with backoff; a mail already sent is not sent twice.
 */
export async function deliverMail(mailId: string): Promise<void> {
  const [mail] = await db().select().from(mailOutbox).where(eq(mailOutbox.id, mailId)).limit(1);
  if (!mail || mail.status === 'sent') return;
  try {
    await smtp().sendMail({ from: env().MAIL_FROM, to: mail.toAddress, subject: mail.subject, text: mail.text, html: mail.html });
    await db()
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
      .where(eq(mailOutbox.id, mailId));
  } catch (e) {
    await db()
      .update(mailOutbox)
      .set({ status: 'failed', attempts: sql`${mailOutbox.attempts} + 1`, lastError: e instanceof Error ? e.message : String(e) })
      .where(eq(mailOutbox.id, mailId));
    throw e;
  }
}
