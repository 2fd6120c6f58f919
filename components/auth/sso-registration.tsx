'use client';

import { useState } from 'react';
import { completeSsoRegistrationAction } from '@/app/(auth)/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** The welcome page of a user who signs in only through the account's IdP: activate, then go there. */
export function SsoRegistration({ token, email }: { token: string; email: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const activate = async () => {
    setBusy(true);
    setError(null);
    const res = await completeSsoRegistrationAction({ token });
    if (res.ok) return window.location.assign(res.data.loginUrl);
    setBusy(false);
    setError(res.formError ?? 'errors.unexpected');
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('setPassword.welcome.title')}</h1>
      <p className="text-sm text-slate-700">{t('sso.registration.intro', { email })}</p>
      {error && <Alert tone="error">{t(error)}</Alert>}
      <Button onClick={activate} disabled={busy}>
        {busy ? t('sso.registration.working') : t('sso.registration.submit')}
      </Button>
    </div>
  );
}
