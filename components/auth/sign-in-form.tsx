'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { SignInInput } from '@/lib/auth/schemas';

type Values = z.infer<typeof SignInInput>;
const REASONS = new Set(['invalid', 'rateLimited', 'deactivated', 'unavailable']);

interface Props {
  partnerSso: boolean;
  notice: 'registered' | 'reset' | 'changed' | 'expired' | null;
  partnerFailed: boolean;
}

export function SignInForm({ partnerSso, notice, partnerFailed }: Props) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(partnerFailed ? 'signIn.errors.partnerFailed' : null);
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(SignInInput) });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await signIn('credentials', { ...values, redirect: false });
    if (!res || res.error) {
      setError(res?.error && REASONS.has(res.error) ? `signIn.errors.${res.error}` : 'signIn.errors.invalid');
      return;
    }
    router.replace('/dashboard');
    router.refresh();
  });

  const fieldErrors = (name: keyof Values) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t('signIn.title')}</h1>
      {notice && <Alert tone={notice === 'expired' ? 'info' : 'success'}>{t(`signIn.notices.${notice}`)}</Alert>}
      {error && <Alert tone="error">{t(error)}</Alert>}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <TextField label={t('fields.email')} type="email" autoComplete="username" errors={fieldErrors('email')} {...register('email')} />
        <TextField label={t('fields.password')} type="password" autoComplete="current-password" errors={fieldErrors('password')} {...register('password')} />
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </form>
      <Link href="/forgot-password" className="text-sm text-brand-700 hover:underline">
        {t('signIn.forgot')}
      </Link>
      {partnerSso && (
        <div className="border-t border-slate-200 pt-4">
          <Button variant="secondary" className="w-full" onClick={() => signIn('partner-oidc', { callbackUrl: '/dashboard' })}>
            {t('signIn.partner')}
          </Button>
        </div>
      )}
    </div>
  );
}
