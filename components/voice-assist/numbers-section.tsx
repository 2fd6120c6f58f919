import Link from 'next/link';
import { voiceAssistHref } from '@/lib/voice-assist/sections';
import { formatDate } from './format';
import { Panel } from '@/components/ui/panel';
import type { VoiceAssistSectionProps } from './types';

/** MVA-1 Numbers: the numbers routed to Voice Assist; so far the one pilot number of the setup. */
export function NumbersSection({ t, locale, config }: VoiceAssistSectionProps) {
  return (
    <Panel level={3} title={t('voiceAssist.numbers.title')}>
      <table className="mb-4 w-full text-left text-sm">
        <caption className="sr-only">{t('voiceAssist.numbers.caption')}</caption>
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">{t('voiceAssist.numbers.columns.number')}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t('voiceAssist.numbers.columns.type')}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t('voiceAssist.numbers.columns.recipe')}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t('voiceAssist.numbers.columns.timeZone')}</th>
            <th scope="col" className="py-2 font-medium">{t('voiceAssist.numbers.columns.since')}</th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-slate-100">
            <td className="py-2 pr-4 font-mono">{config.pilotNumber}</td>
            <td className="py-2 pr-4">{t('voiceAssist.numbers.pilot')}</td>
            <td className="py-2 pr-4">{t(`voiceAssist.recipes.${config.recipe}.name`)}</td>
            <td className="py-2 pr-4">{config.timeZone}</td>
            <td className="py-2">{formatDate(config.addedAt, locale)}</td>
          </tr>
        </tbody>
      </table>
      <p className="text-sm text-slate-700">
        {t('voiceAssist.numbers.pbxNote')}{' '}
        <Link href={voiceAssistHref(config.account.id, 'help')} className="font-medium text-brand-700 underline hover:text-brand-800">
          {t('voiceAssist.numbers.helpLink')}
        </Link>
      </p>
    </Panel>
  );
}
