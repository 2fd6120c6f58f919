'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createUserAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { NewUserForm as Schema } from '@/lib/users/schemas';
import { applyServerErrors } from './form-errors';

type Input = z.input<typeof Schema>;
type Output = z.output<typeof Schema>;

/** USR-2: first name, last name, e-mail and the "Account Admin" toggle; "Create" sends the welcome mail. */
export function NewUserForm({ accountId, canAssignRole }: { accountId: string; canAssignRole: boolean }) {
  const t = useT();
  const router = useRouter();
  const switchId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<Input, unknown, Output>({ resolver: zodResolver(Schema), defaultValues: { accountAdmin: false } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await createUserAction(accountId, values);
    if (res.ok) {
      router.push(`/accounts/${accountId}/users/${res.data.id}?created=1`);
      return;
    }
    setFormError(applyServerErrors(res, ['firstName', 'lastName', 'email'], (field, key) => setError(field as keyof Input, { message: key })));
  });
  const err = (name: keyof Input) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('users.new.title')} className="flex max-w-lg flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {formError && <Alert tone="error">{t(formError)}</Alert>}
      <TextField label={t('users.fields.firstName')} autoComplete="off" required errors={err('firstName')} {...register('firstName')} />
      <TextField label={t('users.fields.lastName')} autoComplete="off" required errors={err('lastName')} {...register('lastName')} />
      <TextField label={t('users.fields.email')} type="email" autoComplete="off" required hint={t('users.new.emailHint')} errors={err('email')} {...register('email')} />
      <div className="flex items-center gap-3">
        <input id={switchId} type="checkbox" role="switch" disabled={!canAssignRole} className="h-5 w-9 accent-brand-600" {...register('accountAdmin')} />
        <label htmlFor={switchId} className="text-sm font-medium text-slate-700">
          {t('users.fields.accountAdmin')}
        </label>
      </div>
      <p className="text-xs text-slate-500">{t('users.new.welcomeHint')}</p>
      <div className="flex gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {t('users.new.submit')}
        </Button>
        <Link href={`/accounts/${accountId}/users`} className="rounded border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
