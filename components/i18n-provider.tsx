'use client';

import { createInstance } from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { I18nextProvider, initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '@/lib/i18n/config';
import type { Messages } from '@/lib/i18n/messages';
import '@/lib/http/zod-jitless';

/** Gives client components the messages of the request's locale (resolved on the server). */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  const i18n = useMemo(() => {
    const instance = createInstance();
    void instance.use(initReactI18next).init({
      lng: locale,
      fallbackLng: false,
      resources: { [locale]: { translation: messages } },
      interpolation: { escapeValue: false },
      initAsync: false,
      react: { useSuspense: false },
    });
    return instance;
  }, [locale, messages]);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

export function useT() {
  return useTranslation().t;
}
