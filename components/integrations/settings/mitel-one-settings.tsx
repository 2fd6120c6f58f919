'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { SETTINGS_PATCHES, type IntegrationSettings } from '@/lib/integrations/settings';
import { DialogActions } from './dialog-actions';
import { useSaveSettings } from './use-save-settings';

const Schema = SETTINGS_PATCHES.mitelOne;

/** M1-1 "Mitel One settings": whether users may change their name and avatar (seed 3315-3325). */
export function MitelOneSettings({
  accountId,
  settings,
  onClose,
  onRemove,
}: {
  accountId: string;
  settings: IntegrationSettings['mitelOne'];
  onClose: () => void;
  onRemove?: () => void;
}) {
  const t = useT();
  const { save, formError } = useSaveSettings(accountId, 'mitelOne', ['allowAvatarChange']);
  const { register, handleSubmit, formState } = useForm<z.input<typeof Schema>, unknown, z.output<typeof Schema>>({
    resolver: zodResolver(Schema),
    defaultValues: { allowAvatarChange: settings.allowAvatarChange },
  });
  const onSubmit = handleSubmit(async (values) => {
    if (await save({ allowAvatarChange: values.allowAvatarChange })) onClose();
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4" {...register('allowAvatarChange')} />
        <span>
          <span className="font-medium">{t('integrations.mitelOne.allowAvatarChange')}</span>
          <span className="block text-xs text-slate-600">{t('integrations.mitelOne.allowAvatarChangeHint')}</span>
        </span>
      </label>
      <DialogActions busy={formState.isSubmitting} onCancel={onClose} onRemove={onRemove} />
    </form>
  );
}
