'use client';

import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { chooseLanguageAction } from '@/app/actions/language';
import { useT } from '@/components/i18n-provider';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/config';
import { useTranslation } from 'react-i18next';

export function LanguagePicker() {
  const t = useT();
  const { i18n } = useTranslation();
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-600">
        {t('footer.language')}
      </label>
      <select
        id={id}
        value={i18n.language}
        disabled={pending}
        onChange={(e) => {
          const locale = e.target.value as Locale;
          start(async () => {
            await chooseLanguageAction(locale);
            router.refresh();
          });
        }}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
