import 'server-only';
import type { Tx } from '@/db/client';
import { mailOutbox } from '@/db/schema';
import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/config';
import { enqueue } from '@/lib/jobs/boss';
import { renderMail, type MailTemplate } from './templates';

export interface QueueMailInput {
  template: MailTemplate;
  locale: Locale;
  to: string;
  partnerOrgId: string | null;
  accountId: string | null;
  params: { name: string; link: string; accountName?: string };
}

/**
 * Writes the mail to the outbox in the caller's transaction. With SMTP configured a delivery job
 * is enqueued in the same transaction; without it the mail stays in the outbox as captured and
 * shows in the development mailbox (MAIL-2).
 */
export async function queueMail(tx: Tx, input: QueueMailInput): Promise<string> {
  const rendered = renderMail(input.template, input.locale, input.params);
  const smtp = Boolean(env().SMTP_URL);
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      partnerOrgId: input.partnerOrgId,
      accountId: input.accountId,
      template: input.template,
      locale: input.locale,
      toAddress: input.to,
      ...rendered,
      status: smtp ? 'queued' : 'captured',
    })
    .returning({ id: mailOutbox.id });
  if (smtp) await enqueue(tx, 'mail-delivery', { mailId: row!.id });
  return row!.id;
}
