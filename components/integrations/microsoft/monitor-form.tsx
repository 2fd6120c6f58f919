'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { applyServerErrors } from '@/components/users/form-errors';
import type { FieldErrors } from '@/lib/errors';
import { MonitorCredentials } from '@/lib/teams/monitors/schemas';
import type { MonitorCredentialsValues, MonitorFormMode } from './use-monitor-actions';

const FIELDS = ['upn', 'clientSecret'] as const;
type Field = (typeof FIELDS)[number];
type LinkResult = { ok: true } | { ok: false; fieldErrors: FieldErrors; formError: string | null; formParams?: Record<string, string | number> };

interface Props {
  accountId: string;
  mode: MonitorFormMode;
  busy: boolean;
  /** "Authorize now": the password is asked next. */
  onAuthorize: (values: MonitorCredentialsValues) => void;
  onCopyUrl: (values: MonitorCredentialsValues) => Promise<LinkResult>;
  /** Ends a refresh, back to "Add monitor". */
  onCancel: () => void;
}

/**
 * TEAMS-4 "Add monitor" (or Refresh of one): the monitor's user name and its own client secret.
 * "Authorize now" and "Copy URL" stay disabled until both are filled (seed 001 5577-5578).
 */
export function MonitorForm({ accountId, mode, busy, onAuthorize, onCopyUrl, onCancel }: Props) {
  const t = useT();
  const titleId = useId();
  const hintId = useId();
  const refresh = mode.kind === 'refresh';
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, control, formState, setError, setFocus } = useForm<z.input<typeof MonitorCredentials>, unknown, z.output<typeof MonitorCredentials>>({
    resolver: zodResolver(MonitorCredentials),
    defaultValues: { accountId, upn: refresh ? mode.upn : '', clientSecret: '' },
  });
  // A refresh asks for the new secret: the user name is known.
  useEffect(() => {
    if (refresh) setFocus('clientSecret');
  }, [refresh, setFocus]);
  const [upn, clientSecret] = useWatch({ control, name: ['upn', 'clientSecret'] });
  const filled = Boolean(upn?.trim() && clientSecret?.trim());
  const err = (name: Field) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);

  const authorize = handleSubmit((v) => {
    setFormError(null);
    onAuthorize({ upn: v.upn, clientSecret: v.clientSecret });
  });
  const copy = handleSubmit(async (v) => {
    setFormError(null);
    const res = await onCopyUrl({ upn: v.upn, clientSecret: v.clientSecret });
    if (res.ok) return;
    const key = applyServerErrors(res, FIELDS, (field, message) => setError(field as Field, { message }));
    if (key) setFormError(t(key, res.formParams ?? {}));
  });

  return (
    <form onSubmit={authorize} noValidate aria-labelledby={titleId} className="flex flex-col gap-3 rounded border border-slate-200 p-3">
      <h3 id={titleId} className="text-sm font-semibold">
        {refresh ? t('teams.monitors.refreshTitle', { upn: mode.upn }) : t('teams.monitors.addTitle')}
      </h3>
      {refresh && <p className="text-sm text-slate-600">{t('teams.monitors.refreshIntro')}</p>}
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t('teams.monitors.upn')}
          hint={t('teams.monitors.upnHint')}
          type="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          readOnly={refresh}
          errors={err('upn')}
          {...register('upn')}
        />
        <TextField
          label={t('teams.monitors.clientSecret')}
          hint={t('teams.monitors.clientSecretHint')}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          maxLength={1024}
          errors={err('clientSecret')}
          {...register('clientSecret')}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={!filled || busy} aria-describedby={filled ? undefined : hintId}>
          {t('teams.monitors.authorizeNow')}
        </Button>
        <Button variant="secondary" disabled={!filled || busy} aria-describedby={filled ? undefined : hintId} onClick={() => void copy()}>
          {t('teams.monitors.copyUrl')}
        </Button>
        {refresh && (
          <Button variant="ghost" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
      {!filled && (
        <p id={hintId} className="text-xs text-slate-500">
          {t('teams.monitors.needBoth')}
        </p>
      )}
    </form>
  );
}
