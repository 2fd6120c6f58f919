'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { SETTINGS_PATCHES, timeZones, VOICE_ASSIST_RECIPES, type IntegrationSettings } from '@/lib/integrations/settings';
import { DialogActions } from './dialog-actions';
import { useSaveSettings } from './use-save-settings';

const Schema = SETTINGS_PATCHES.voiceAssist;
type Input = z.input<typeof Schema>;
const FIELDS = ['pilotNumber', 'timeZone', 'recipe'] as const;

/** The browser's own time zone when the list knows it, else UTC (mounted only in the browser). */
function browserTimeZone(zones: readonly string[]): string {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zones.includes(own) ? own : 'UTC';
}

/** MVA-1 "Finish setup" (and later the settings): pilot number, time zone, recipe (seed 3729-3745). */
export function VoiceAssistSettings({ accountId, settings, onClose }: { accountId: string; settings: IntegrationSettings['voiceAssist']; onClose: () => void }) {
  const t = useT();
  const [zones] = useState(timeZones);
  const { save, formError } = useSaveSettings(accountId, 'voiceAssist', FIELDS);
  const { register, handleSubmit, formState, setError } = useForm<Input, unknown, z.output<typeof Schema>>({
    resolver: zodResolver(Schema),
    defaultValues: {
      pilotNumber: settings.pilotNumber ?? '',
      timeZone: settings.timeZone ?? browserTimeZone(zones),
      recipe: settings.recipe ?? ('' as Input['recipe']),
    },
  });
  const err = (name: keyof Input) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);
  const onSubmit = handleSubmit(async (values) => {
    if (await save(values, (field, key) => setError(field as keyof Input, { message: key }))) onClose();
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t('integrations.voiceAssist.pilotNumber')}
        hint={t('integrations.voiceAssist.pilotNumberHint')}
        inputMode="tel"
        autoComplete="off"
        errors={err('pilotNumber')}
        {...register('pilotNumber')}
      />
      <SelectField label={t('integrations.voiceAssist.timeZone')} errors={err('timeZone')} {...register('timeZone')}>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replaceAll('_', ' ')}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('integrations.voiceAssist.recipe')} errors={err('recipe')} {...register('recipe')}>
        <option value="">{t('integrations.voiceAssist.chooseRecipe')}</option>
        {VOICE_ASSIST_RECIPES.map((r) => (
          <option key={r} value={r}>
            {t(`integrations.voiceAssist.recipes.${r}`)}
          </option>
        ))}
      </SelectField>
      <DialogActions busy={formState.isSubmitting} onCancel={onClose} />
    </form>
  );
}
