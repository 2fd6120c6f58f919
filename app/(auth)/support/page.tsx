import type { Metadata } from 'next';
import Link from 'next/link';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('support.title') };
}

export default async function SupportPage() {
  const t = translator(await currentLocale());
  return (
    <div className="flex flex-col gap-4 text-sm text-slate-700">
      <h1 className="text-2xl font-semibold text-slate-900">{t('support.title')}</h1>
      <p>{t('support.accountUsers')}</p>
      <p>{t('support.partners')}</p>
      <p>{t('support.password')}</p>
      <Link href="/forgot-password" className="text-brand-700 hover:underline">
        {t('signIn.forgot')}
      </Link>
    </div>
  );
}
