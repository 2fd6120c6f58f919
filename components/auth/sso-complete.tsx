'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useEffect, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';

/** Exchanges the ACS's single-use ticket (an HttpOnly cookie) for the next-auth session. */
export function SsoComplete() {
  const t = useT();
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    // Strict mode runs effects twice in development; the ticket is single-use.
    if (started.current) return;
    started.current = true;
    void signIn('sso', { redirect: false }).then((res) => {
      if (!res || res.error) return setFailed(true);
      router.replace('/dashboard');
      router.refresh();
    });
  }, [router]);

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('sso.complete.title')}</h1>
      {failed ? (
        <>
          <Alert tone="error">{t('sso.complete.failed')}</Alert>
          <Link href="/sign-in" className="text-sm text-brand-700 hover:underline">
            {t('sso.refused.back')}
          </Link>
        </>
      ) : (
        <p role="status" className="text-sm text-slate-600">
          {t('sso.complete.working')}
        </p>
      )}
    </div>
  );
}
