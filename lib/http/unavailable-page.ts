import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';

/** Seconds after which the page (and a client that honours Retry-After) tries again. */
export const RETRY_AFTER_SECONDS = 5;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page served while this process cannot reach its database: 503 with Retry-After, in the
 * visitor's language (cookie, else browser), reloading itself with a meta refresh: no script, and
 * its one <style> carries the request's CSP nonce.
 */
export function unavailableResponse(headers: Headers, nonce?: string): Response {
  const cookie = headers.get('cookie')?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`))?.[1];
  const locale = resolveLocale({ cookie, acceptLanguage: headers.get('accept-language') });
  const t = translator(locale);
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>${escape(t('errorPage.unavailableTitle'))}</title>
<style${nonce ? ` nonce="${nonce}"` : ''}>body{font-family:system-ui,sans-serif;color:#0f172a;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0;text-align:center}main{max-width:36rem;padding:2rem}p{color:#475569;font-size:.875rem}</style>
</head><body><main role="alert"><h1>${escape(t('errorPage.unavailableTitle'))}</h1><p>${escape(t('errorPage.unavailableBody'))}</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
  });
}
