'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { forgotPasswordAction } from '@/app/(auth)/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { ForgotPasswordInput } from '@/lib/auth/schemas';

type Values = z.infer<typeof ForgotPasswordInput>;

export function ForgotPasswordForm() {
  const t = useT();
  const [state, setState] = useState<{ sent: boolean; error: string | null }>({ sent: false, error: null });
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(ForgotPasswordInput) });
  const onSubmit = handleSubmit(async (values) => {
    const res = await forgotPasswordAction(values);
    setState(res.ok ? { sent: true, error: null } : { sent: false, error: res.formError ?? Object.values(res.fieldErrors)[0]?.[0] ?? 'errors.unexpected' });
  });
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t('forgot.title')}</h1>
      {state.sent ? (
        <Alert tone="success">{t('forgot.sent')}</Alert>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t('forgot.intro')}</p>
          {state.error && <Alert tone="error">{t(state.error)}</Alert>}
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            <TextField
              label={t('fields.email')}
              type="email"
              autoComplete="username"
              errors={formState.errors.email?.message ? [formState.errors.email.message] : undefined}
              {...register('email')}
            />
            <Button type="submit" disabled={formState.isSubmitting}>
              {t('forgot.submit')}
            </Button>
          </form>
        </>
      )}
      <Link href="/sign-in" className="text-sm text-brand-700 hover:underline">
        {t('forgot.back')}
      </Link>
    </div>
  );
}
