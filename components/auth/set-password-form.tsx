'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { completeRegistrationAction, resetPasswordAction } from '@/app/(auth)/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { SetPasswordInput } from '@/lib/auth/schemas';

type Values = z.infer<typeof SetPasswordInput>;

/** The page behind a welcome link (AUTH-3) or a reset link (AUTH-4). */
export function SetPasswordForm({ purpose, token, email }: { purpose: 'welcome' | 'reset'; token: string; email: string }) {
  const t = useT();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<Values>({ resolver: zodResolver(SetPasswordInput), defaultValues: { token } });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await (purpose === 'welcome' ? completeRegistrationAction : resetPasswordAction)(values);
    if (res.ok) {
      router.replace(`/sign-in?${purpose === 'welcome' ? 'registered' : 'reset'}=1`);
      return;
    }
    for (const [field, keys] of Object.entries(res.fieldErrors)) {
      if (field === 'password' || field === 'confirm') setError(field, { message: keys[0] });
      else setFormError(keys[0] ?? null);
    }
    if (res.formError) setFormError(res.formError);
  });
  const err = (name: 'password' | 'confirm') => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t(`setPassword.${purpose}.title`)}</h1>
      <p className="text-sm text-slate-600">{t(`setPassword.${purpose}.intro`, { email })}</p>
      {formError && <Alert tone="error">{t(formError)}</Alert>}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <input type="hidden" {...register('token')} />
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField label={t('fields.newPassword')} type="password" autoComplete="new-password" hint={t('setPassword.rule')} errors={err('password')} {...register('password')} />
        <TextField label={t('fields.confirmPassword')} type="password" autoComplete="new-password" errors={err('confirm')} {...register('confirm')} />
        <Button type="submit" disabled={formState.isSubmitting}>
          {t(`setPassword.${purpose}.submit`)}
        </Button>
      </form>
    </div>
  );
}
