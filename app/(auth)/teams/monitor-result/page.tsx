import type { Metadata } from 'next';
import { currentLocale } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';

const OUTCOMES = ['authorized', 'wrongUser', 'refused', 'invalid'] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('teams.monitorResult.title') };
}

/** TEAMS-4 "Copy URL": what the Azure admin sees after signing in as a presence monitor. */
export default async function MonitorResultPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const t = translator(await currentLocale());
  const raw = (await searchParams).outcome;
  const outcome = OUTCOMES.find((o) => o === raw) ?? 'invalid';
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('teams.monitorResult.title')}</h1>
      <p role="status" className="text-sm text-slate-700">
        {t(`teams.monitorResult.${outcome}`)}
      </p>
    </div>
  );
}
