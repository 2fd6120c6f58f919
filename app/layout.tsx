import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import { currentLocale } from '@/lib/auth/session';
import { MESSAGES } from '@/lib/i18n/messages';
import { translator } from '@/lib/i18n/translator';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = translator(await currentLocale());
  return { title: { default: t('app.name'), template: `%s · ${t('app.name')}` }, icons: { icon: '/favicon.svg' } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, never at build time: only then does Next.js find this
  // request's CSP nonce (set by proxy.ts) and put it on its scripts. currentLocale() reads cookies
  // and would do the same today; this keeps it so if that ever changes.
  await connection();
  const locale = await currentLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <I18nProvider locale={locale} messages={MESSAGES[locale]}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
