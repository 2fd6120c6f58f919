'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteAccountAction, setAccountStatusAction } from '@/app/(portal)/accounts/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TypedConfirmDialog, type ConfirmWord } from '@/components/ui/typed-confirm-dialog';

type Step = 'deactivate' | 'reactivate' | 'delete';

/**
 * ACC-4 / ACC-5: deactivate or reactivate, and delete, each confirmed by typing the word in the
 * user's language (SHELL-7). Shown only to partners with the Account Delete permission.
 */
export function AccountLifecycle({ accountId, name, status }: { accountId: string; name: string; status: 'active' | 'deactivated' }) {
  const t = useT();
  const router = useRouter();
  const [step, setStep] = useState<Step | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (!step) return;
    setBusy(true);
    setError(null);
    const res = step === 'delete' ? await deleteAccountAction({ accountId }) : await setAccountStatusAction({ accountId, status: step === 'deactivate' ? 'deactivated' : 'active' });
    setBusy(false);
    setStep(null);
    if (!res.ok) {
      setError(res.formError ?? 'errors.unexpected');
      return;
    }
    if (step === 'delete') router.push('/accounts');
    else router.refresh();
  };

  const toggle: Step = status === 'active' ? 'deactivate' : 'reactivate';
  const words: Record<Step, ConfirmWord> = { deactivate: 'deactivate', reactivate: 'reactivate', delete: 'delete' };
  return (
    <div className="flex flex-col gap-3">
      {error && <Alert tone="error">{t(error)}</Alert>}
      <p className="text-sm text-slate-600">{t(status === 'active' ? 'accounts.lifecycle.activeIntro' : 'accounts.lifecycle.deactivatedIntro')}</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setStep(toggle)}>
          {t(`accounts.lifecycle.${toggle}`)}
        </Button>
        <Button variant="danger" onClick={() => setStep('delete')}>
          {t('accounts.lifecycle.delete')}
        </Button>
      </div>
      {step && (
        <TypedConfirmDialog
          open
          title={t(`accounts.lifecycle.${step}Title`, { name })}
          description={t(`accounts.lifecycle.${step}Body`)}
          word={words[step]}
          confirmLabel={t(`accounts.lifecycle.${step}`)}
          busy={busy}
          onConfirm={confirm}
          onCancel={() => setStep(null)}
        />
      )}
    </div>
  );
}
