'use client';

import { useCallback, useEffect, useState } from 'react';
import { readScimSetupAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import type { ScimSetupView } from '@/lib/provisioning/read-scim-setup';
import { actionError, integrationName } from '../labels';
import { ScimActivity } from './scim-activity';
import { ScimKeys } from './scim-keys';

/**
 * SCIM-1 "Azure AD Sync": users provisioned from Azure AD (Entra ID) or Okta over SCIM. The admin
 * generates the Tenant URL and Secret Token for the enterprise application; below, what it sent.
 */
export function ScimDialog({ accountId, open, onClose }: { accountId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={open} wide title={t('scim.dialog.title', { name: integrationName(t, 'azureAdSync') })} onClose={onClose}>
      {open && <ScimSetup accountId={accountId} onClose={onClose} />}
    </Modal>
  );
}

function ScimSetup({ accountId, onClose }: { accountId: string; onClose: () => void }) {
  const t = useT();
  const [setup, setSetup] = useState<ScimSetupView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    void readScimSetupAction(accountId).then((res) => {
      if (!live) return;
      if (res.ok) {
        setSetup(res.data);
        setError(null);
      } else setError(actionError(t, res));
    });
    return () => {
      live = false;
    };
  }, [accountId, t, version]);

  if (!setup) return error ? <Alert tone="error">{error}</Alert> : <p role="status" className="text-sm text-slate-600">{t('scim.dialog.loading')}</p>;

  return (
    <div className="flex flex-col gap-5">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-col gap-2 text-sm text-slate-700">
        <p>{t('scim.dialog.intro')}</p>
        <ul className="list-disc pl-5">
          <li>{t('scim.dialog.adminCredentials')}</li>
          <li>{t('scim.dialog.noGroups')}</li>
          <li>{t('scim.dialog.e164')}</li>
        </ul>
      </div>
      <ScimKeys accountId={accountId} setup={setup} onGenerated={load} />
      {setup.keys && <ScimActivity accountId={accountId} />}
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onClose}>
          {t('scim.dialog.close')}
        </Button>
      </div>
    </div>
  );
}
