'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { removeIntegrationAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';
import { dependantsOf, type IntegrationId } from '@/lib/integrations/catalogue';
import { actionError, integrationName } from './labels';
import { Modal } from '@/components/ui/modal';

interface Props {
  accountId: string;
  /** The integration to remove, or null when the dialog is closed. */
  integrationId: IntegrationId | null;
  present: readonly IntegrationId[];
  /** GW-5: typing the reset word is asked only for a finished onboarding of a physical appliance. */
  typedReset: boolean;
  onClose: () => void;
  /** After a refused typed-reset removal (that dialog has no room for the message). */
  onError: (message: string) => void;
}

/**
 * INT-1: every removal is confirmed; the gateway asks for the typed reset word (seed 2675-2683).
 * Integrations that need the one removed are named, as they stop working.
 */
export function RemoveIntegrationDialog({ accountId, integrationId, present, typedReset, onClose, onError }: Props) {
  const t = useT();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = integrationId ?? 'chat';
  const name = integrationName(t, id);
  const dependants = integrationId ? dependantsOf(present, integrationId) : [];
  const warning = dependants.length ? t('integrations.remove.dependants', { names: dependants.map((d) => integrationName(t, d)).join(', ') }) : null;
  const description = t('integrations.remove.description', { name });

  const close = () => {
    setError(null);
    onClose();
  };
  const remove = async () => {
    if (!integrationId) return;
    setBusy(true);
    setError(null);
    const res = await removeIntegrationAction(accountId, integrationId);
    setBusy(false);
    if (res.ok) {
      onClose();
      router.refresh();
      return;
    }
    const message = actionError(t, res);
    if (typedReset) {
      onClose();
      onError(message);
    } else setError(message);
  };

  if (typedReset) {
    return (
      <TypedConfirmDialog
        open={integrationId !== null}
        title={t('integrations.remove.title', { name })}
        description={[t('integrations.remove.resetDescription', { name }), warning].filter(Boolean).join(' ')}
        word="reset"
        confirmLabel={t('integrations.remove.confirm')}
        busy={busy}
        onCancel={close}
        onConfirm={remove}
      />
    );
  }
  return (
    <Modal open={integrationId !== null} title={t('integrations.remove.title', { name })} onClose={close}>
      <p className="text-sm text-slate-600">{description}</p>
      {warning && <Alert tone="info">{warning}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button variant="danger" disabled={busy} onClick={remove}>
          {t('integrations.remove.confirm')}
        </Button>
      </div>
    </Modal>
  );
}
