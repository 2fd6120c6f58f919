'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { changePasswordAction, signOutEverywhereAction } from '@/app/(portal)/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';
import { ChangePasswordInput } from '@/lib/auth/schemas';

type Values = z.infer<typeof ChangePasswordInput>;

/** AUTH-7, plus ending every session of the user (typed "confirm", SHELL-7). */
export function ChangePasswordForm() {
  const t = useT();
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<Values>({ resolver: zodResolver(ChangePasswordInput) });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await changePasswordAction(values);
    if (res.ok) {
      await signOut({ callbackUrl: '/sign-in?changed=1' });
      return;
    }
    for (const [field, keys] of Object.entries(res.fieldErrors)) {
      if (field === 'current' || field === 'password' || field === 'confirm') setError(field, { message: keys[0] });
    }
    if (res.formError) setFormError(res.formError);
  });
  const err = (name: keyof Values) => (formState.errors[name]?.message ? [formState.errors[name]!.message!] : undefined);
  return (
    <div className="flex flex-col gap-8">
      <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4" aria-label={t('password.title')}>
        {formError && <Alert tone="error">{t(formError)}</Alert>}
        <TextField label={t('fields.currentPassword')} type="password" autoComplete="current-password" errors={err('current')} {...register('current')} />
        <TextField label={t('fields.newPassword')} type="password" autoComplete="new-password" hint={t('setPassword.rule')} errors={err('password')} {...register('password')} />
        <TextField label={t('fields.confirmPassword')} type="password" autoComplete="new-password" errors={err('confirm')} {...register('confirm')} />
        <Button type="submit" disabled={formState.isSubmitting} className="self-start">
          {t('password.submit')}
        </Button>
      </form>
      <section aria-label={t('password.sessionsTitle')} className="flex max-w-md flex-col gap-3 border-t border-slate-200 pt-6">
        <h2 className="text-base font-semibold">{t('password.sessionsTitle')}</h2>
        <p className="text-sm text-slate-600">{t('password.sessionsIntro')}</p>
        <Button variant="secondary" className="self-start" onClick={() => setConfirming(true)}>
          {t('password.signOutEverywhere')}
        </Button>
      </section>
      <TypedConfirmDialog
        open={confirming}
        title={t('password.signOutEverywhere')}
        description={t('password.signOutEverywhereConfirm')}
        word="confirm"
        confirmLabel={t('password.signOutEverywhere')}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const res = await signOutEverywhereAction();
          setConfirming(false);
          if (res.ok) await signOut({ callbackUrl: '/sign-in' });
          else setFormError(res.formError);
        }}
      />
    </div>
  );
}
