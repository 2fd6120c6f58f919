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
const REASONS = new Set(['invalid', 'rateLimited', 'deactivated', 'unavailable', 'ssoRequired']);

interface Props {
  partnerSso: boolean;
  notice: 'registered' | 'reset' | 'changed' | 'expired' | null;
  partnerFailed: boolean;
  /** Back from "Sign in with single sign-on" for an address without SSO. */
  noSso: boolean;
}

export function SignInForm({ partnerSso, notice, partnerFailed, noSso }: Props) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(partnerFailed ? 'signIn.errors.partnerFailed' : noSso ? 'signIn.errors.noSso' : null);
  const { register, handleSubmit, formState, getValues } = useForm<Values>({ resolver: zodResolver(SignInInput) });

  // SSO-2 e-mail first: the account of this address sends the browser to its identity provider.
  const singleSignOn = () => {
    const email = getValues('email')?.trim();
    if (!email) return setError('signIn.errors.ssoEmail');
    // A full navigation, not the router: the route answers with a redirect to the customer's IdP.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/api/sso/start?email=${encodeURIComponent(email)}`);
  };

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
        <Button type="button" variant="secondary" onClick={singleSignOn}>
          {t('signIn.sso')}
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
