'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enableOffice365Action } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import type { O365ConsentView } from '@/lib/office365/read-consent';
import { actionError } from '../labels';
import { CopyField } from '../sso/copy-field';
import { formatDateTime } from './labels';
import { useConsent } from './use-consent';

interface Props {
  accountId: string;
  open: boolean;
  onClose: () => void;
  /** "Remove": the panel's confirmation, when the actor may remove integrations. */
  onRemove?: () => void;
}

/** O365-1 "Microsoft Office 365 configuration": an Office 365 admin's consent on Azure, then "Done and enable". */
export function Office365Dialog({ accountId, open, onClose, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open={open} wide title={t('office365.dialog.title')} onClose={onClose}>
      {open && <Office365Setup accountId={accountId} onClose={onClose} onRemove={onRemove} />}
    </Modal>
  );
}

function Office365Setup({ accountId, onClose, onRemove }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const router = useRouter();
  const c = useConsent(accountId);
  const [enabling, setEnabling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  if (!c.consent) return c.loadError ? <Alert tone="error">{c.loadError}</Alert> : <p role="status" className="text-sm text-slate-600">{t('office365.dialog.loading')}</p>;

  const { available, state } = c.consent;
  // "unknown": Azure said yes but it could not be confirmed here; the admin vouches for it (O365-1).
  const canEnable = state === 'succeeded' || state === 'unknown';
  const enable = async () => {
    setEnabling(true);
    setError(null);
    const res = await enableOffice365Action(accountId);
    setEnabling(false);
    if (!res.ok) {
      setError(actionError(t, res));
      return;
    }
    router.refresh();
    onClose();
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-2 text-sm text-slate-700">
        <p>{t('office365.dialog.intro')}</p>
        <ul className="list-disc pl-5">
          <li>{t('office365.dialog.selfAdmin')}</li>
          <li>{t('office365.dialog.otherAdmin')}</li>
        </ul>
      </div>
      {!available && <Alert tone="info">{t('office365.dialog.notAvailable')}</Alert>}
      <ConsentState consent={c.consent} />
      <div className="flex flex-wrap gap-2">
        <Button disabled={!available || c.busy || c.waiting} onClick={() => void c.authorize()}>
          {t('office365.dialog.authorize')}
        </Button>
        <Button variant="secondary" disabled={!available || c.busy} onClick={() => void c.copyUrl()}>
          {t('office365.dialog.copyUrl')}
        </Button>
      </div>
      {c.waiting && (
        <p role="status" className="text-sm text-slate-700">
          {t('office365.dialog.waiting')}
        </p>
      )}
      {c.notice && <Alert tone={c.notice.tone}>{c.notice.text}</Alert>}
      {c.link && <CopyField label={t('office365.dialog.url')} value={c.link} hint={t('office365.dialog.urlHint')} />}
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex items-center justify-between gap-2 border-t border-slate-200 pt-4">
        <div>
          {onRemove && (
            <Button variant="ghost" className="text-red-700" onClick={onRemove}>
              {t('integrations.remove.button')}
            </Button>
          )}
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('office365.dialog.done')}
          </Button>
          <Button disabled={!canEnable || enabling} aria-describedby={canEnable ? undefined : hintId} onClick={() => void enable()}>
            {t('office365.dialog.doneAndEnable')}
          </Button>
        </div>
      </div>
      {!canEnable && (
        <p id={hintId} className="text-xs text-slate-500">
          {t('office365.dialog.enableHint')}
        </p>
      )}
    </div>
  );
}

/** The last answer from Microsoft: succeeded, failed (with Azure's reason) or given but unconfirmed. */
function ConsentState({ consent }: { consent: O365ConsentView }) {
  const { t, i18n } = useTranslation();
  if (!consent.state) return null;
  const when = consent.decidedAt ? <span className="mt-1 block text-xs" suppressHydrationWarning>{t('office365.dialog.decidedAt', { date: formatDateTime(consent.decidedAt, i18n.language) })}</span> : null;
  if (consent.state === 'succeeded') {
    return (
      <Alert tone="success">
        {t('office365.dialog.succeeded')}
        {when}
      </Alert>
    );
  }
  if (consent.state === 'unknown') {
    return (
      <Alert tone="info">
        {t('office365.dialog.unknown')}
        {when}
      </Alert>
    );
  }
  return (
    <Alert tone="error">
      {t('office365.dialog.failed')}
      {consent.detail && (
        <span className="mt-1 block break-words text-xs">
          {consent.detail === 'notGranted' ? t('office365.dialog.notGranted') : t('office365.dialog.detail', { detail: consent.detail })}
        </span>
      )}
      {when}
    </Alert>
  );
}
