'use client';

import Link from 'next/link';
import { useState } from 'react';
import { sendImportWelcomeAction } from '@/app/(portal)/accounts/[accountId]/users/import/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { BulkProgress } from '@/components/users/bulk-progress';
import type { ImportRef } from './types';

interface Props extends ImportRef {
  createdCount: number;
  canWelcome: boolean;
  /** Every row is created: offer the next import instead of the preview. */
  done: boolean;
}

/** IMP-4/IMP-5: how many users the import created, and the welcome mails to them (a USR-5 bulk job). */
export function ImportResult({ accountId, importId, createdCount, canWelcome, done }: Props) {
  const t = useT();
  const [job, setJob] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const sendWelcome = async () => {
    setBusy(true);
    setError(null);
    const res = await sendImportWelcomeAction(accountId, importId);
    setBusy(false);
    if (!res.ok) {
      setError(res.formError ?? 'errors.unexpected');
      return;
    }
    setStarted(true);
    setJob(res.data.notificationId);
  };

  const link = 'rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50';
  return (
    <section aria-labelledby="import-result" className="flex flex-col gap-3 rounded-lg border border-green-300 bg-green-50 px-4 py-3">
      <p id="import-result" role="status" className="text-sm font-medium text-green-800">
        {t('import.ui.created', { count: createdCount })}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/accounts/${accountId}/users`} className={link}>
          {t('import.ui.viewUsers')}
        </Link>
        {canWelcome && !started && (
          <Button variant="secondary" disabled={busy} onClick={() => void sendWelcome()}>
            {t('import.ui.sendWelcome')}
          </Button>
        )}
        {done && (
          <Link href={`/accounts/${accountId}/users/import`} className={link}>
            {t('import.ui.importAnother')}
          </Link>
        )}
      </div>
      {error && <Alert tone="error">{t(error)}</Alert>}
      {job && <BulkProgress key={job} notificationId={job} onClose={() => setJob(null)} />}
    </section>
  );
}
