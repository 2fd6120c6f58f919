'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { LanguagePicker } from './language-picker';

/** SHELL-5: Support, Legal (EULA) and the language picker. */
export function Footer() {
  const t = useT();
  return (
    <footer className="flex flex-wrap items-center justify-between gap-4 border-t border-slate-200 bg-white px-6 py-3 text-sm">
      <nav aria-label={t('footer.label')} className="flex gap-4">
        <Link href="/support" className="text-brand-700 hover:underline">
          {t('footer.support')}
        </Link>
        <Link href="/legal" className="text-brand-700 hover:underline">
          {t('footer.legal')}
        </Link>
      </nav>
      <LanguagePicker />
    </footer>
  );
}
