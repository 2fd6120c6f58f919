'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { SETTINGS_PATCHES, type IntegrationSettingsView } from '@/lib/integrations/settings';
import { formatDay } from '../labels';
import { DialogActions } from './dialog-actions';
import { useSaveSettings } from './use-save-settings';

const Schema = SETTINGS_PATCHES.micollab;
type Input = z.input<typeof Schema>;
const FIELDS = ['address', 'password'] as const;

/**
 * MICOLLAB-1: the MiCollab server the gateway reads presence from for Teams. The password is
 * write-only (INT-5): never prefilled, shown only as "Set on <date>"; left empty it is kept.
 */
export function MicollabSettings({ accountId, settings, onClose }: { accountId: string; settings: IntegrationSettingsView['micollab']; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { save, formError } = useSaveSettings(accountId, 'micollab', FIELDS);
  const { register, handleSubmit, formState, setError } = useForm<Input, unknown, z.output<typeof Schema>>({
    resolver: zodResolver(Schema),
    defaultValues: { address: settings.address ?? '', password: undefined },
  });
  const err = (name: keyof Input) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);
  const onSubmit = handleSubmit(async (values) => {
    if (await save(values, (field, key) => setError(field as keyof Input, { message: key }))) onClose();
  });
  const { password } = settings;
  const status = !password.set
    ? t('integrations.micollab.passwordNotSet')
    : password.setAt
      ? t('integrations.micollab.passwordSetOn', { date: formatDay(password.setAt, i18n.language) })
      : t('integrations.micollab.passwordSet');

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-slate-600">{t('integrations.micollab.intro')}</p>
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t('integrations.micollab.address')} autoComplete="off" spellCheck={false} errors={err('address')} {...register('address')} />
      <TextField
        label={t('integrations.micollab.password')}
        type="password"
        autoComplete="new-password"
        hint={`${status} · ${t(password.set ? 'integrations.micollab.passwordKeep' : 'integrations.micollab.passwordEnter')}`}
        errors={err('password')}
        {...register('password', { setValueAs: (v: string) => (v ? v : undefined) })}
      />
      <DialogActions busy={formState.isSubmitting} onCancel={onClose} />
    </form>
  );
}
