'use client';

import { useCallback, useEffect, useState } from 'react';
import { readSsoSetupAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Modal } from '@/components/ui/modal';
import type { IntegrationId } from '@/lib/integrations/catalogue';
import type { SsoSetupView } from '@/lib/sso/read-sso-setup';
import type { SsoIntegration } from '@/lib/sso/schemas';
import { actionError, integrationName } from '../labels';
import { ExpiryWarning } from './expiry-warning';
import { RecentSignIns } from './recent-sign-ins';
import { SpInfo } from './sp-info';
import { SsoForm } from './sso-form';
import { TestConnection } from './test-connection';

interface Props {
  accountId: string;
  /** The SSO integration whose dialog is open, or null. */
  integrationId: SsoIntegration | null;
  onClose: () => void;
}

/**
 * SSO-1 "Finish setup" of Single sign-on (a generic SAML IdP) and Azure AD single sign-on: what the
 * admin copies into the IdP, the IdP's details, and once saved Test connection and recent sign-ins.
 */
export function SsoDialog({ accountId, integrationId, onClose }: Props) {
  const t = useT();
  return (
    <Modal open={integrationId !== null} wide title={integrationId ? t('sso.dialog.title', { name: integrationName(t, integrationId) }) : ''} onClose={onClose}>
      {integrationId && <SsoSetup key={integrationId} accountId={accountId} integrationId={integrationId} onClose={onClose} />}
    </Modal>
  );
}

function SsoSetup({ accountId, integrationId, onClose }: { accountId: string; integrationId: SsoIntegration; onClose: () => void }) {
  const t = useT();
  const [view, setView] = useState<SsoSetupView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const azure = integrationId === 'azureAdSingleSignOn';

  // Bumped to read the setup again (after a save or a test); an answer for an older version is dropped.
  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    void readSsoSetupAction(accountId, integrationId).then((res) => {
      if (!live) return;
      if (res.ok) {
        setView(res.data);
        setError(null);
      } else setError(actionError(t, res));
    });
    return () => {
      live = false;
    };
  }, [accountId, integrationId, t, version]);

  if (!view) return error ? <Alert tone="error">{error}</Alert> : <p role="status" className="text-sm text-slate-600">{t('sso.dialog.loading')}</p>;

  const { connection } = view;
  // One account has one SAML connection; the other SSO integration's is shown, not edited, here.
  const other = connection && connection.integrationId !== integrationId ? (connection.integrationId as IntegrationId) : null;
  const own = other ? null : connection;

  return (
    <div className="flex flex-col gap-5">
      {error && <Alert tone="error">{error}</Alert>}
      {own && <ExpiryWarning certificates={own.certificates} />}
      {other && <Alert tone="info">{t('sso.dialog.otherConnection', { name: integrationName(t, other) })}</Alert>}
      <p className="text-sm text-slate-600">{t(azure ? 'sso.dialog.intro.azure' : 'sso.dialog.intro.generic')}</p>
      <Alert tone="info">{t('sso.dialog.welcomeNote')}</Alert>
      <SpInfo sp={view.sp} azure={azure} />
      <SsoForm accountId={accountId} integrationId={integrationId} connection={own} onSaved={load} onClose={onClose} />
      {own && <TestConnection accountId={accountId} onFinished={load} />}
      <RecentSignIns rows={view.recent} />
    </div>
  );
}
