'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { SETTINGS_PATCHES, type IntegrationSettings } from '@/lib/integrations/settings';
import { DialogActions } from './dialog-actions';
import { useSaveSettings } from './use-save-settings';

const Schema = SETTINGS_PATCHES.chat;

/** SUP-5 "Chat Service Settings": allow editing and deleting messages (seed 1258-1264). */
export function ChatSettings({ accountId, settings, onClose }: { accountId: string; settings: IntegrationSettings['chat']; onClose: () => void }) {
  const t = useT();
  const { save, formError } = useSaveSettings(accountId, 'chat', ['allowMessageEditing']);
  const { register, handleSubmit, formState } = useForm<z.input<typeof Schema>, unknown, z.output<typeof Schema>>({
    resolver: zodResolver(Schema),
    defaultValues: { allowMessageEditing: settings.allowMessageEditing },
  });
  const onSubmit = handleSubmit(async (values) => {
    if (await save(values)) onClose();
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4" {...register('allowMessageEditing')} />
        <span>
          <span className="font-medium">{t('integrations.chat.allowMessageEditing')}</span>
          <span className="block text-xs text-slate-600">{t('integrations.chat.allowMessageEditingHint')}</span>
        </span>
      </label>
      <DialogActions busy={formState.isSubmitting} onCancel={onClose} />
    </form>
  );
}
