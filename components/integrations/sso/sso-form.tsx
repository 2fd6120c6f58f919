'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { configureSsoAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { applyServerErrors } from '@/components/users/form-errors';
import type { SsoSetupView } from '@/lib/sso/read-sso-setup';
import { ConfigureSsoInput, type SsoIntegration } from '@/lib/sso/schemas';
import { DialogActions } from '../settings/dialog-actions';
import { CertificateField } from './certificate-field';

type Values = z.input<typeof ConfigureSsoInput>;
const FIELDS = ['idpEntityId', 'ssoUrl', 'certificates', 'mitelCredentials'] as const;

interface Props {
  accountId: string;
  integrationId: SsoIntegration;
  /** The saved connection of this integration, or null before the first save. */
  connection: SsoSetupView['connection'];
  /** After a save: the dialog reloads, so Test connection and the certificates' state appear. */
  onSaved: () => void;
  onClose: () => void;
}

/** SSO-1: the identity provider's entity ID, sign-in URL and signing certificates, in the IdP's words. */
export function SsoForm({ accountId, integrationId, connection, onSaved, onClose }: Props) {
  const t = useT();
  const router = useRouter();
  const titleId = useId();
  const variant = integrationId === 'azureAdSingleSignOn' ? 'azure' : 'generic';
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, formState, setError, control, reset } = useForm<Values, unknown, z.output<typeof ConfigureSsoInput>>({
    resolver: zodResolver(ConfigureSsoInput),
    defaultValues: {
      accountId,
      integrationId,
      idpEntityId: connection?.idpEntityId ?? '',
      ssoUrl: connection?.ssoUrl ?? '',
      certificates: connection?.certificatesText ?? '',
      mitelCredentials: connection?.mitelCredentials ?? false,
    },
  });
  const err = (name: (typeof FIELDS)[number]) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    const res = await configureSsoAction(values);
    if (res.ok) {
      // The saved values are the form's new baseline: "Saved" shows until the next change.
      reset(values);
      setSaved(true);
      router.refresh();
      onSaved();
      return;
    }
    const key = applyServerErrors(res, FIELDS, (field, message) => setError(field as (typeof FIELDS)[number], { message }));
    if (key) setFormError(t(key, res.formParams ?? {}));
  });

  return (
    <form onSubmit={onSubmit} aria-labelledby={titleId} className="flex flex-col gap-4" noValidate>
      <h3 id={titleId} className="text-base font-semibold">
        {t(`sso.dialog.fields.${variant}.title`)}
      </h3>
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField
        label={t(`sso.dialog.fields.${variant}.idpEntityId`)}
        hint={t(`sso.dialog.fields.${variant}.idpEntityIdHint`)}
        autoComplete="off"
        spellCheck={false}
        errors={err('idpEntityId')}
        {...register('idpEntityId')}
      />
      <TextField
        label={t(`sso.dialog.fields.${variant}.ssoUrl`)}
        hint={t(`sso.dialog.fields.${variant}.ssoUrlHint`)}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        errors={err('ssoUrl')}
        {...register('ssoUrl')}
      />
      <CertificateField
        label={t(`sso.dialog.fields.${variant}.certificates`)}
        hint={t(`sso.dialog.fields.${variant}.certificatesHint`)}
        control={control}
        saved={connection ? { text: connection.certificatesText, certificates: connection.certificates } : null}
        errors={err('certificates')}
        {...register('certificates')}
      />
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4" {...register('mitelCredentials')} />
        <span>
          <span className="font-medium">{t('sso.dialog.mitelCredentials')}</span>
          <span className="block text-xs text-slate-600">{t('sso.dialog.mitelCredentialsHint')}</span>
          <span className="block text-xs text-slate-600">{t('sso.dialog.adminsKeepCredentials')}</span>
        </span>
      </label>
      {saved && !formState.isDirty && <Alert tone="success">{t('sso.dialog.saved')}</Alert>}
      <DialogActions busy={formState.isSubmitting} onCancel={onClose} />
    </form>
  );
}
