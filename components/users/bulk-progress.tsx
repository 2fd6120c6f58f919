'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { bulkStatusAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/run-action';
import type { BulkStatus } from '@/lib/users/bulk-status';

const POLL_MS = 1000;

/**
 * The progress of a bulk job on the users page, read from the job's notification (the same one
 * the bell shows) until it finishes; then the page reloads its data, bell included.
 */
export function BulkProgress({
  notificationId,
  onClose,
  statusAction = bulkStatusAction,
  label,
  onFinished,
  autoFocus,
}: {
  notificationId: string;
  onClose: () => void;
  /** Told once when the job ends (success or error), e.g. to reload figures the job changed. */
  onFinished?: (status: BulkStatus) => void;
  /** Takes the focus when shown, for a panel that replaces the control that started the job. */
  autoFocus?: boolean;
  /** Where the status is read; other bulk pages (account managers) pass their own action. */
  statusAction?: (notificationId: string) => Promise<ActionResult<BulkStatus>>;
  /** The section's accessible name; the users page's "Progress of the bulk action" by default. */
  label?: string;
}) {
  const t = useT();
  const router = useRouter();
  const [status, setStatus] = useState<BulkStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  // A ref, so a parent's new callback on each render does not restart the polling.
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);
  useEffect(() => {
    if (autoFocus) section.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const res = await statusAction(notificationId);
      if (stopped) return;
      if (!res.ok) {
        setError(res.formError ?? 'errors.unexpected');
        return;
      }
      setStatus(res.data);
      if (res.data.status === 'running') timer = setTimeout(poll, POLL_MS);
      else {
        onFinishedRef.current?.(res.data);
        router.refresh();
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [notificationId, router, statusAction]);

  const ended = error !== null || (status !== null && status.status !== 'running');
  const tone = error || status?.status === 'error' ? 'border-red-300 bg-red-50' : ended ? 'border-green-300 bg-green-50' : 'border-brand-100 bg-brand-50';
  return (
    <section ref={section} tabIndex={autoFocus ? -1 : undefined} aria-label={label ?? t('users.bulk.title')} className={`flex flex-col gap-2 rounded border px-4 py-3 text-sm ${tone}`}>
      <p role="status">{error ? t(error) : status ? t(status.titleKey, status.params) : t('users.bulk.starting')}</p>
      <progress className="w-full" max={100} value={error ? 0 : (status?.progress ?? 0)} aria-label={t('users.bulk.progress')} />
      {status?.details && (
        <details>
          <summary className="cursor-pointer text-brand-700">{t('users.bulk.details')}</summary>
          <p className="mt-1 whitespace-pre-wrap text-xs text-slate-700">{status.details}</p>
        </details>
      )}
      {ended && (
        <Button variant="secondary" className="self-start" onClick={onClose}>
          {t('users.bulk.close')}
        </Button>
      )}
    </section>
  );
}
