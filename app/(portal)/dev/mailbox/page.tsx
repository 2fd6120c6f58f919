import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { db } from '@/db/client';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { translator } from '@/lib/i18n/translator';
import { listCapturedMail } from '@/lib/mail/list-captured';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('mailbox.title') };
}

/** MAIL-2: without SMTP_URL, outgoing mail is captured and readable here. */
export default async function MailboxPage() {
  const user = await requireUser();
  if (env().SMTP_URL || user.actor.kind !== 'partner' || user.actor.managedAccountIds !== null) notFound();
  const t = translator(await currentLocale());
  const mails = await listCapturedMail(db(), user.actor);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t('mailbox.title')}</h1>
      <p className="text-sm text-slate-600">{t('mailbox.intro')}</p>
      {mails.length === 0 && <p className="text-sm text-slate-500">{t('mailbox.empty')}</p>}
      <ul className="flex flex-col gap-3">
        {mails.map((m) => (
          <li key={m.id}>
            <details className="rounded border border-slate-200 bg-white p-4">
              <summary className="cursor-pointer text-sm">
                <span className="font-medium">{m.subject}</span> — {m.toAddress} · {m.createdAt.toLocaleString()}
              </summary>
              <pre className="mt-3 whitespace-pre-wrap break-all text-sm">{m.text}</pre>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
