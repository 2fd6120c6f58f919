import { createInstance, type TFunction } from 'i18next';
import type { Locale } from './config';
import { MESSAGES } from './messages';

export type T = TFunction;

const cache = new Map<Locale, TFunction>();

/** A synchronous translator for one locale (server components, mails, jobs). */
export function translator(locale: Locale): TFunction {
  let t = cache.get(locale);
  if (!t) {
    const instance = createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: false,
      resources: { [locale]: { translation: MESSAGES[locale] } },
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
    t = instance.t;
    cache.set(locale, t);
  }
  return t;
}
