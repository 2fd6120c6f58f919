'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { importStatusAction } from '@/app/(portal)/accounts/[accountId]/users/import/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import type { ImportInfo, ImportRef } from './types';

const POLL_MS = 1000;

/**
 * The running phase of an import (reading the file, or creating its users) with its real
 * progress, polled every second. Once the status moves on, the server page is reloaded; polling
 * goes on until that reload replaces this component, so a reload that raced the job is repeated.
 */
export function ImportProgress({ accountId, importId, status, text }: ImportRef & { status: ImportInfo['status']; text: string }) {
  const t = useT();
  const router = useRouter();
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const res = await importStatusAction(accountId, importId);
      if (stopped) return;
      if (!res.ok) {
        setError(res.formError ?? 'errors.unexpected');
        return;
      }
      setProgress(res.data.progress);
      if (res.data.status !== status) router.refresh();
      timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [accountId, importId, status, router]);

  return (
    <div className="flex flex-col gap-2 rounded border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900">
      <p role="status">{text}</p>
      <div className="flex items-center gap-3">
        <progress className="w-full" max={100} value={progress} aria-label={t('import.ui.progress')} />
        <span aria-hidden className="w-12 text-right tabular-nums">
          {progress}%
        </span>
      </div>
      {error && <Alert tone="error">{t(error)}</Alert>}
    </div>
  );
}
