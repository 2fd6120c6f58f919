'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { configureTeamsAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { applyServerErrors } from '@/components/users/form-errors';
import type { TeamsSetupView } from '@/lib/teams/read-teams-setup';
import { ConfigureTeamsInput, type ConfigureTeamsValues } from '@/lib/teams/schemas';
import { formatDay } from '../labels';
import { DialogActions } from '../settings/dialog-actions';
import { SecretExpiry } from './secret-expiry';

const FIELDS = ['name', 'tenantId', 'clientId', 'clientSecret'] as const;
type Field = (typeof FIELDS)[number];

interface Props {
  accountId: string;
  /** The saved connection, or null before the first save ("Finish setup"). */
  setup: TeamsSetupView | null;
  /** The account's presence monitors (TEAMS-4): another tenant or app makes each of them "Needs update". */
  monitors: number;
  onClose: () => void;
  onRemove?: () => void;
}

/**
 * TEAMS-1: name, tenant ID, application (client) ID and client secret of the Azure app. The
 * secret is write-only (INT-5): never prefilled, shown as "Set on <date>", kept when left empty.
 * Azure's refusals come back on the field they concern.
 */
export function TeamsSetupForm({ accountId, setup, monitors, onClose, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, control } = useForm<ConfigureTeamsValues, unknown, z.output<typeof ConfigureTeamsInput>>({
    resolver: zodResolver(ConfigureTeamsInput),
    defaultValues: { accountId, name: setup?.name ?? '', tenantId: setup?.tenantId ?? '', clientId: setup?.clientId ?? '', clientSecret: '' },
  });
  const err = (name: Field) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);
  const [tenantId, clientId] = useWatch({ control, name: ['tenantId', 'clientId'] });
  const changed = (value: string | undefined, saved: string) => (value ?? '').trim().toLowerCase() !== saved;
  // Another tenant or app: users are matched again and the last verification is cleared.
  const idsChanged = setup !== null && (changed(tenantId, setup.tenantId) || changed(clientId, setup.clientId));
  // TEAMS-1/4: presence monitors are authorised for one tenant and app (seed 001 5655-5676); said only when there are some.
  const monitorsStale = idsChanged && monitors > 0;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    // The first save needs a secret; later an empty one keeps the stored secret.
    if (!setup?.clientSecret.set && !values.clientSecret) {
      setError('clientSecret', { message: 'errors.required' });
      return;
    }
    const res = await configureTeamsAction(values);
    if (res.ok) {
      router.refresh();
      onClose();
      return;
    }
    const key = applyServerErrors(res, FIELDS, (field, message) => setError(field as Field, { message }));
    if (key) setFormError(t(key, res.formParams ?? {}));
  });

  const secret = setup?.clientSecret;
  const secretStatus = secret?.set
    ? `${secret.setAt ? t('teams.setup.secretSetOn', { date: formatDay(secret.setAt, i18n.language) }) : t('teams.setup.secretSet')} · ${t('teams.setup.secretKeep')}`
    : t('teams.setup.secretHint');

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-slate-600">{t('teams.setup.intro')}</p>
      {setup && (
        <div className="flex flex-col gap-1 rounded border border-slate-200 p-3">
          <p className="text-sm text-slate-700">{t('teams.setup.replaceSecret')}</p>
          <SecretExpiry expiresAt={setup.secretExpiresAt} />
        </div>
      )}
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField label={t('teams.setup.name')} hint={t('teams.setup.nameHint')} autoComplete="off" errors={err('name')} {...register('name')} />
      <TextField
        label={t('teams.setup.tenantId')}
        hint={t('teams.setup.tenantIdHint')}
        autoComplete="off"
        spellCheck={false}
        errors={err('tenantId')}
        {...register('tenantId')}
      />
      <TextField
        label={t('teams.setup.clientId')}
        hint={t('teams.setup.clientIdHint')}
        autoComplete="off"
        spellCheck={false}
        errors={err('clientId')}
        {...register('clientId')}
      />
      <TextField
        label={t('teams.setup.clientSecret')}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        hint={secretStatus}
        errors={err('clientSecret')}
        {...register('clientSecret')}
      />
      {idsChanged && <Alert tone="info">{t('teams.setup.idsChanged')}</Alert>}
      {monitorsStale && <Alert tone="info">{t('teams.setup.monitorsNeedUpdate')}</Alert>}
      {/* The details are tried against Azure before they are stored: that can take a moment. */}
      <p aria-live="polite" className="text-sm text-slate-700">
        {formState.isSubmitting ? t('teams.setup.checking') : ''}
      </p>
      <DialogActions busy={formState.isSubmitting} onCancel={onClose} onRemove={onRemove} />
    </form>
  );
}
