import { describe, expect, it } from 'vitest';
import { isLocale, localeFromAcceptLanguage, resolveLocale } from '@/lib/i18n/config';

describe('localeFromAcceptLanguage', () => {
  it('picks the supported language with the highest q-value', () => {
    expect(localeFromAcceptLanguage('fr;q=0.5, de;q=0.9, en;q=0.1')).toBe('de');
    expect(localeFromAcceptLanguage('it;q=0.4,es')).toBe('es');
  });

  it('keeps the header order for equal weights', () => {
    expect(localeFromAcceptLanguage('fr, de')).toBe('fr');
    expect(localeFromAcceptLanguage('de,fr')).toBe('de');
  });

  it('maps regional variants to their language, case-insensitively', () => {
    expect(localeFromAcceptLanguage('nl-BE,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(localeFromAcceptLanguage('DE-at')).toBe('de');
    expect(localeFromAcceptLanguage('pt-BR, es-MX;q=0.7')).toBe('es');
  });

  it('skips unsupported languages and languages the browser refuses (q=0)', () => {
    expect(localeFromAcceptLanguage('ja, zh-CN;q=0.9, it;q=0.2')).toBe('it');
    expect(localeFromAcceptLanguage('fr;q=0, de;q=0.3')).toBe('de');
    expect(localeFromAcceptLanguage('fr;q=abc, es;q=0.1')).toBe('es');
  });

  it('answers null when nothing is supported or there is no header', () => {
    expect(localeFromAcceptLanguage('ja, zh;q=0.9, *;q=0.1')).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });
});

describe('resolveLocale (SHELL-6 order)', () => {
  const all = { user: 'de', cookie: 'fr', account: 'nl', acceptLanguage: 'es' };

  it("uses the user's own choice first, then the cookie, then the account, then the browser", () => {
    expect(resolveLocale(all)).toBe('de');
    expect(resolveLocale({ ...all, user: null })).toBe('fr');
    expect(resolveLocale({ ...all, user: null, cookie: undefined })).toBe('nl');
    expect(resolveLocale({ acceptLanguage: 'es' })).toBe('es');
  });

  it('ignores unsupported or malformed choices and falls through', () => {
    expect(resolveLocale({ user: 'xx', cookie: 'NL', account: 'it', acceptLanguage: 'de' })).toBe('it');
    expect(resolveLocale({ user: '', cookie: 'en-GB', account: 'pt', acceptLanguage: 'fr-CA' })).toBe('fr');
  });

  it('falls back to English', () => {
    expect(resolveLocale({})).toBe('en');
    expect(resolveLocale({ acceptLanguage: 'ja' })).toBe('en');
    expect(resolveLocale({ user: 'pt', account: 'ru', acceptLanguage: 'zh' })).toBe('en');
  });

  it('knows exactly the six supported languages', () => {
    for (const l of ['en', 'nl', 'fr', 'it', 'de', 'es']) expect(isLocale(l)).toBe(true);
    for (const l of ['EN', 'pt', 'en-GB', '', null, 1]) expect(isLocale(l)).toBe(false);
  });
});
