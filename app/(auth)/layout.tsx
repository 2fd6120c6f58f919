import type { ReactNode } from 'react';
import { Footer } from '@/components/shell/footer';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = translator(await currentLocale());
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-900 px-6 py-3 text-white">
        <p className="text-lg font-semibold">{t('app.name')}</p>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 py-12">
        <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">{children}</div>
      </main>
      <Footer />
    </div>
  );
}
