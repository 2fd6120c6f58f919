import type { Metadata } from 'next';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('legal.title') };
}

const SECTIONS = ['licence', 'data', 'liability'] as const;

export default async function LegalPage() {
  const t = translator(await currentLocale());
  return (
    <article className="flex flex-col gap-4 text-sm text-slate-700">
      <h1 className="text-2xl font-semibold text-slate-900">{t('legal.title')}</h1>
      {SECTIONS.map((s) => (
        <section key={s} aria-label={t(`legal.${s}.title`)}>
          <h2 className="mb-1 font-semibold text-slate-900">{t(`legal.${s}.title`)}</h2>
          <p>{t(`legal.${s}.body`)}</p>
        </section>
      ))}
    </article>
  );
}
