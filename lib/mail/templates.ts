import type { Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';

export type MailTemplate = 'welcome' | 'reset';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Renders a transactional mail in the given language (MAIL-1). Parameters are
 * plain text; they are escaped for the HTML part.
 */
export function renderMail(template: MailTemplate, locale: Locale, params: { name: string; link: string; accountName?: string }): RenderedMail {
  const t = translator(locale);
  const k = `mail.${template}`;
  const vars = { name: params.name, accountName: params.accountName ?? '', hours: template === 'reset' ? 1 : 168 };
  const subject = t(`${k}.subject`, vars);
  const paragraphs = [t(`${k}.intro`, vars), t(`${k}.action`, vars)];
  const expiry = t(`${k}.expiry`, vars);
  const ignore = t(`${k}.ignore`, vars);
  const greeting = t('mail.greeting', vars);
  const signature = t('mail.signature', vars);
  const text = [greeting, '', ...paragraphs, '', params.link, '', expiry, ignore, '', signature].join('\n');
  const p = (s: string) => `<p style="margin:0 0 12px">${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;color:#1f2937;max-width:560px">
${p(greeting)}${paragraphs.map(p).join('')}
<p style="margin:20px 0"><a href="${escapeHtml(params.link)}" style="background:#0b5cad;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(t(`${k}.button`, vars))}</a></p>
${p(expiry)}${p(ignore)}${p(signature)}</body></html>`;
  return { subject, text, html };
}
