'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { revokeApiKeyAction } from '@/app/(portal)/settings/api-keys/actions';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';

/** "Revoke" of one active key, behind a typed confirmation: there is no undo. */
export function RevokeKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useT();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button variant="secondary" aria-label={t('billing.apiKeys.revoke.buttonLabel', { name })} onClick={() => setOpen(true)}>
        {t('billing.apiKeys.revoke.button')}
      </Button>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t(error)}
        </p>
      )}
      <TypedConfirmDialog
        open={open}
        title={t('billing.apiKeys.revoke.title', { name })}
        description={t('billing.apiKeys.revoke.description')}
        word="confirm"
        confirmLabel={t('billing.apiKeys.revoke.confirm')}
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          setError(null);
          const res = await revokeApiKeyAction(keyId);
          setBusy(false);
          setOpen(false);
          if (!res.ok) setError(res.formError ?? 'errors.unexpected');
          router.refresh();
        }}
      />
    </>
  );
}
