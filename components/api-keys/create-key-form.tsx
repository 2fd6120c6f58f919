'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { createApiKeyAction } from '@/app/(portal)/settings/api-keys/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { TextField } from '@/components/ui/text-field';
import { applyServerErrors } from '@/components/users/form-errors';
import { CreateKeyForm } from '@/lib/billing/schemas';

/** "Create key": one name; the new key is shown once, in a panel above the form, until dismissed. */
export function CreateKeyFormPanel() {
  const t = useT();
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const createdRef = useRef<HTMLDivElement>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<CreateKeyForm>({ resolver: zodResolver(CreateKeyForm), defaultValues: { name: '' } });

  // Moves focus to the new key so keyboard and screen reader users land on it.
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const onSubmit = handleSubmit(async ({ name }) => {
    setFormError(null);
    setCreated(null);
    const res = await createApiKeyAction(name);
    if (res.ok) {
      setCreated({ name, key: res.data.key });
      reset({ name: '' });
      router.refresh();
      return;
    }
    const message = applyServerErrors(res, ['name'], (_field, key) => setError('name', { message: key }));
    if (message) setFormError(message);
  });
  const nameError = formState.errors.name?.message;

  return (
    <div className="flex flex-col gap-4">
      {created && (
        <div ref={createdRef} tabIndex={-1} role="region" aria-label={t('billing.apiKeys.created.title', { name: created.name })} className="flex flex-col gap-3 rounded border border-amber-300 bg-amber-50 p-4 outline-none focus:ring-2 focus:ring-brand-600">
          <p className="text-sm font-semibold text-slate-900">{t('billing.apiKeys.created.title', { name: created.name })}</p>
          <p className="text-sm text-amber-900">{t('billing.apiKeys.created.warning')}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900">
              {created.key}
            </code>
            <CopyButton value={created.key} label={t('billing.apiKeys.created.copy')} />
          </div>
          <div>
            <Button variant="secondary" onClick={() => setCreated(null)}>
              {t('billing.apiKeys.created.done')}
            </Button>
          </div>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate aria-label={t('billing.apiKeys.create.title')} className="flex max-w-xl flex-col gap-3">
        {formError && <Alert tone="error">{t(formError)}</Alert>}
        <TextField label={t('billing.apiKeys.create.name')} hint={t('billing.apiKeys.create.hint')} autoComplete="off" required maxLength={80} errors={nameError ? [nameError] : undefined} {...register('name')} />
        <div>
          <Button type="submit" disabled={formState.isSubmitting}>
            {t('billing.apiKeys.create.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
