'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { generateScimKeysAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';
import type { ScimSetupView } from '@/lib/provisioning/read-scim-setup';
import { actionError } from '../labels';
import { CopyField } from '../sso/copy-field';

interface Props {
  accountId: string;
  setup: ScimSetupView;
  /** After generating: the dialog reloads "Keys generated on … by …". */
  onGenerated: () => void;
}

/**
 * SCIM-1 "Generate keys": the Tenant URL and Secret Token. The token is shown once, right after it
 * is generated (only its hash is kept); generating again replaces it at once, so that is confirmed.
 */
export function ScimKeys({ accountId, setup, onGenerated }: Props) {
  const { t, i18n } = useTranslation();
  const router = useRouter();
  const titleId = useId();
  const confirmId = useId();
  const [fresh, setFresh] = useState<{ url: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const when = (iso: string) => dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const exists = Boolean(setup.keys || fresh);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const generate = async () => {
    setBusy(true);
    setError(null);
    const res = await generateScimKeysAction(accountId);
    setBusy(false);
    setConfirming(false);
    if (!res.ok) {
      setError(actionError(t, res));
      return;
    }
    setFresh(res.data);
    router.refresh();
    onGenerated();
  };

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 rounded border border-slate-200 p-4">
      <div className="flex items-center justify-between gap-3">
        <h3 id={titleId} className="text-base font-semibold">
          {t('scim.dialog.keys.title')}
        </h3>
        {!confirming && (
          <Button variant={exists ? 'secondary' : 'primary'} disabled={busy} onClick={() => (exists ? setConfirming(true) : void generate())}>
            {t(exists ? 'scim.dialog.keys.regenerate' : 'scim.dialog.keys.generate')}
          </Button>
        )}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {confirming && (
        <div ref={confirmRef} tabIndex={-1} role="group" aria-labelledby={confirmId} className="flex flex-col gap-3 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p id={confirmId}>{t('scim.dialog.keys.confirm')}</p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button variant="danger" disabled={busy} onClick={() => void generate()}>
              {t('scim.dialog.keys.confirmButton')}
            </Button>
          </div>
        </div>
      )}
      {fresh ? (
        <>
          <Alert tone="success">{t('scim.dialog.keys.generated')}</Alert>
          <CopyField label={t('scim.dialog.keys.tenantUrl')} value={fresh.url} />
          <CopyField label={t('scim.dialog.keys.token')} value={fresh.token} hint={t('scim.dialog.keys.tokenOnce')} />
        </>
      ) : setup.keys ? (
        <>
          <CopyField label={t('scim.dialog.keys.tenantUrl')} value={setup.url} />
          <p className="text-sm text-slate-600">
            {t('scim.dialog.keys.generatedOn', { date: when(setup.keys.generatedAt), name: setup.keys.generatedBy })}
            {' · '}
            {setup.keys.lastUsedAt ? t('scim.dialog.keys.lastUsed', { date: when(setup.keys.lastUsedAt) }) : t('scim.dialog.keys.notUsed')}
          </p>
          <p className="text-xs text-slate-500">{t('scim.dialog.keys.tokenHidden')}</p>
        </>
      ) : (
        <p className="text-sm text-slate-600">{t('scim.dialog.keys.none')}</p>
      )}
    </section>
  );
}
