import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatDate, formatLocalTime } from './format';
import { Panel } from '@/components/ui/panel';
import type { VoiceAssistSectionProps } from './types';

const CAPABILITIES = ['tts', 'asr', 'directory'] as const;

/** MVA-1 About: what Voice Assist does (seed 3669-3676) and the account's saved settings. */
export function AboutSection({ t, locale, config, now }: VoiceAssistSectionProps) {
  const rows: [string, ReactNode][] = [
    [
      t('voiceAssist.about.pilotNumber'),
      <>
        <span className="font-mono">{config.pilotNumber}</span>
        <span className="block text-slate-500">{t('voiceAssist.about.pilotNumberHint')}</span>
      </>,
    ],
    [
      t('voiceAssist.about.timeZone'),
      <>
        {config.timeZone}
        <span className="block text-slate-500">{t('voiceAssist.about.localTime', { time: formatLocalTime(now, config.timeZone, locale) })}</span>
      </>,
    ],
    [
      t('voiceAssist.about.recipe'),
      <>
        {t(`voiceAssist.recipes.${config.recipe}.name`)}
        <span className="block text-slate-500">{t(`voiceAssist.recipes.${config.recipe}.description`)}</span>
      </>,
    ],
    [t('voiceAssist.about.addedOn'), formatDate(config.addedAt, locale)],
  ];
  return (
    <div className="flex flex-col gap-6">
      <Panel level={3} title={t('voiceAssist.about.title')}>
        <p className="mb-3 text-sm">{t('voiceAssist.about.intro')}</p>
        <ul className="flex list-disc flex-col gap-1 pl-5 text-sm">
          {CAPABILITIES.map((c) => (
            <li key={c}>
              <span className="font-medium">{t(`voiceAssist.about.capabilities.${c}.name`)}</span>: {t(`voiceAssist.about.capabilities.${c}.description`)}
            </li>
          ))}
        </ul>
      </Panel>
      <Panel level={3} title={t('voiceAssist.about.settings')}>
        <dl className="mb-4 grid grid-cols-[12rem_1fr] gap-y-3 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <Link href={`/accounts/${config.account.id}/integrations`} className="text-sm font-medium text-brand-700 underline hover:text-brand-800">
          {t('voiceAssist.about.changeSettings')}
        </Link>
      </Panel>
    </div>
  );
}
