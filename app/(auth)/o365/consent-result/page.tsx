import type { Metadata } from 'next';
import { ClosePopup } from '@/components/integrations/microsoft/close-popup';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

const OUTCOMES = ['succeeded', 'failed', 'unknown', 'invalid'] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('office365.result.title') };
}

/**
 * O365-1: where the consent pop-up lands. Opened from the dialog it closes itself (the dialog
 * reads the outcome); opened from a copied link it tells the Office 365 admin what happened.
 */
export default async function ConsentResultPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const t = translator(await currentLocale());
  const raw = (await searchParams).outcome;
  const outcome = OUTCOMES.find((o) => o === raw) ?? 'invalid';
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('office365.result.title')}</h1>
      <p role="status" className="text-sm text-slate-700">
        {t(`office365.result.${outcome}`)}
      </p>
      <ClosePopup label={t('office365.result.close')} />
    </div>
  );
}
