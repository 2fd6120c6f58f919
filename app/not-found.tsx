import Link from 'next/link';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

/** One 404 for absent pages and for records outside the visitor's scope: nothing tells them apart. */
export default async function NotFound() {
  const t = translator(await currentLocale());
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 p-8 text-center">
      <h1 className="text-2xl font-semibold">{t('notFound.title')}</h1>
      <p className="text-sm text-slate-600">{t('notFound.body')}</p>
      <Link href="/dashboard" className="text-sm text-brand-700 hover:underline">
        {t('notFound.back')}
      </Link>
    </main>
  );
}
