'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, useCallback, useEffect, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';

/** How often the page looks whether the database is back, while it is not. */
const RETRY_MS = 3_000;

async function databaseIsUp(): Promise<boolean> {
  try {
    return (await fetch('/api/health', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * What a page that failed on the server shows instead of Next's bare "Application error". When
 * the cause is the database being unreachable (a restart, a fail-over; /api/health says so), it
 * says the portal is reconnecting and renders the page again by itself once the database is back.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  const router = useRouter();
  const [unavailable, setUnavailable] = useState(false);

  const retry = useCallback(
    () =>
      startTransition(() => {
        router.refresh();
        reset();
      }),
    [router, reset],
  );

  useEffect(() => {
    let stopped = false;
    let wasDown = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const up = await databaseIsUp();
      if (stopped) return;
      if (up) {
        if (wasDown) retry(); // it came back: show the page without a click
        return;
      }
      wasDown = true;
      setUnavailable(true);
      timer = setTimeout(check, RETRY_MS);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [error, retry]);

  return (
    <div role="alert" className="mx-auto flex max-w-xl flex-col items-center gap-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t(unavailable ? 'errorPage.unavailableTitle' : 'errorPage.title')}</h1>
      <p className="text-sm text-slate-600">{unavailable ? t('errorPage.unavailableBody') : t('errorPage.body')}</p>
      {!unavailable && error.digest && <p className="text-xs text-slate-500">{t('errorPage.reference', { digest: error.digest })}</p>}
      <div className="flex gap-3">
        <Button onClick={retry}>{t('errorPage.retry')}</Button>
        <Link href="/dashboard" className="inline-flex items-center rounded px-4 py-2 text-sm text-brand-700 hover:underline">
          {t('notFound.back')}
        </Link>
      </div>
    </div>
  );
}
