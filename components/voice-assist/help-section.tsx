import { PBX_GUIDES } from '@/lib/voice-assist/pbx-guides';
import { Panel } from '@/components/ui/panel';
import type { VoiceAssistSectionProps } from './types';

/** MVA-1 Help: routing the pilot number from each supported PBX to CloudLink (seed 3793-3937). */
export function HelpSection({ t, config }: VoiceAssistSectionProps) {
  const params = { pilotNumber: config.pilotNumber };
  return (
    <Panel level={3} title={t('voiceAssist.help.title')}>
      <p className="mb-4 text-sm">{t('voiceAssist.help.intro', params)}</p>
      <div className="flex flex-col gap-3">
        {PBX_GUIDES.map((guide) => (
          <details key={guide.id} className="rounded border border-slate-200 px-4 py-2">
            <summary className="cursor-pointer py-1 text-sm font-medium">
              {t(`voiceAssist.help.guides.${guide.id}.title`)} <span className="font-normal text-slate-500">({t('voiceAssist.help.section', { section: guide.section })})</span>
            </summary>
            <div className="flex flex-col gap-3 py-2 text-sm">
              <p>{t(`voiceAssist.help.guides.${guide.id}.intro`, params)}</p>
              <ol className="flex list-decimal flex-col gap-1 pl-5">
                {guide.steps.map((step) => (
                  <li key={step}>{t(`voiceAssist.help.guides.${guide.id}.steps.${step}`, params)}</li>
                ))}
              </ol>
              {guide.notes.map((note) => (
                <p key={note} className="rounded bg-amber-50 px-3 py-2 text-amber-900">
                  <span className="font-medium">{t('voiceAssist.help.note')}</span> {t(`voiceAssist.help.guides.${guide.id}.notes.${note}`, params)}
                </p>
              ))}
            </div>
          </details>
        ))}
      </div>
    </Panel>
  );
}
