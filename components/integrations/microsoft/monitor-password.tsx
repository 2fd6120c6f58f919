'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';

interface Props {
  upn: string;
  busy: boolean;
  /** Field errors of the password, if the server refused it as input. */
  onAuthorize: (password: string) => Promise<string[] | undefined>;
  onCancel: () => void;
}

/**
 * TEAMS-4 "Authorize now" / Retry: the monitor's password, asked in the dialog and sent once to
 * sign the monitor in to Azure. It is kept only in this field, and cleared when sent.
 */
export function MonitorPassword({ upn, busy, onAuthorize, onCancel }: Props) {
  const t = useT();
  const ref = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<string[] | undefined>(undefined);
  useEffect(() => ref.current?.focus(), [upn]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setErrors(['errors.required']);
      return;
    }
    const sent = password;
    setPassword('');
    setErrors(await onAuthorize(sent));
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('teams.monitors.passwordTitle', { upn })} className="flex flex-col gap-3 rounded border border-brand-100 bg-brand-50 p-3">
      <TextField
        ref={ref}
        label={t('teams.monitors.password', { upn })}
        hint={t('teams.monitors.passwordHint')}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        maxLength={256}
        value={password}
        errors={errors}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {t('teams.monitors.authorize')}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
