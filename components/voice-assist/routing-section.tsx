import { isOpenAt, recipeDefinition } from '@/lib/voice-assist/recipes';
import { formatDays, formatLocalTime } from './format';
import { Panel } from '@/components/ui/panel';
import type { VoiceAssistSectionProps } from './types';

/** MVA-1 Routing: the chosen recipe's call flow, and which branch a call would take right now. */
export function RoutingSection({ t, locale, config, now }: VoiceAssistSectionProps) {
  const recipe = recipeDefinition(config.recipe);
  const open = isOpenAt(config.recipe, now, config.timeZone);
  const hours = recipe.hours;
  const params = {
    pilotNumber: config.pilotNumber,
    timeZone: config.timeZone,
    days: hours ? formatDays(hours, locale) : '',
    start: hours?.start ?? '',
    end: hours?.end ?? '',
  };
  return (
    <Panel level={3} title={t('voiceAssist.routing.title', { recipe: t(`voiceAssist.recipes.${recipe.id}.name`) })}>
      <p className="mb-3 text-sm">{t(`voiceAssist.recipes.${recipe.id}.description`)}</p>
      <p className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        {hours ? (
          <>
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${open ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-800'}`}>
              {t(open ? 'voiceAssist.routing.openNow' : 'voiceAssist.routing.closedNow')}
            </span>
            <span>{t('voiceAssist.routing.hours', params)}</span>
          </>
        ) : (
          <span>{t('voiceAssist.routing.alwaysOpen')}</span>
        )}
        <span className="text-slate-500">{t('voiceAssist.about.localTime', { time: formatLocalTime(now, config.timeZone, locale) })}</span>
      </p>
      <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm">
        {recipe.steps.map((step) => {
          const appliesNow = step.when === undefined || (step.when === 'open') === open;
          return (
            <li key={step.id} className={appliesNow ? '' : 'text-slate-500'}>
              {step.when && (
                <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{t(`voiceAssist.routing.when.${step.when}`)}</span>
              )}
              {t(`voiceAssist.recipes.${recipe.id}.steps.${step.id}`, params)}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
