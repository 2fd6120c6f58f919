export const LOCALES = ['en', 'nl', 'fr', 'it', 'de', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'portal_lang';

/** Each language named in itself, as the language picker shows it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  nl: 'Nederlands',
  fr: 'Français',
  it: 'Italiano',
  de: 'Deutsch',
  es: 'Español',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? null;
}

/**
 * SHELL-6 order: the user's own choice (saved on the user, or picked before signing in),
 * then the account's default language, then the browser.
 */
export function resolveLocale(choices: { user?: string | null; account?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  for (const c of [choices.user, choices.cookie, choices.account]) if (isLocale(c)) return c;
  return localeFromAcceptLanguage(choices.acceptLanguage) ?? DEFAULT_LOCALE;
}
