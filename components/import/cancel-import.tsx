'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { cancelImportAction } from '@/app/(portal)/accounts/[accountId]/users/import/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from './confirm-dialog';
import type { ImportRef } from './types';

/**
 * IMP-4 "Cancel": drops the import (users an earlier Upload created stay) and returns to the
 * users list. `confirm` asks first; a refused file has nothing left to lose, so it does not.
 */
export function CancelImport({ accountId, importId, label, confirm }: ImportRef & { label: string; confirm: boolean }) {
  const t = useT();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const cancel = async () => {
    setBusy(true);
    setError(null);
    const res = await cancelImportAction(accountId, importId);
    if (res.ok) {
      router.push(`/accounts/${accountId}/users`);
      return;
    }
    setBusy(false);
    setAsking(false);
    setError(res.formError ?? 'errors.unexpected');
  };

  return (
    <>
      <Button variant="secondary" disabled={busy} onClick={() => (confirm ? setAsking(true) : void cancel())}>
        {label}
      </Button>
      {error && <Alert tone="error">{t(error)}</Alert>}
      {confirm && (
        <ConfirmDialog
          open={asking}
          title={t('import.ui.cancelTitle')}
          description={t('import.ui.cancelText')}
          confirmLabel={t('import.ui.discard')}
          dismissLabel={t('import.ui.keep')}
          busy={busy}
          onConfirm={() => void cancel()}
          onDismiss={() => setAsking(false)}
        />
      )}
    </>
  );
}
