'use client';

import { useState } from 'react';
import { installUpdateAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { IntegrationId } from '@/lib/integrations/catalogue';
import type { AccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { integrationDefinition } from '@/lib/integrations/catalogue';
import { CatalogueDialog } from './catalogue-dialog';
import { IntegrationRow } from './integration-row';
import { actionError } from './labels';
import { RemoveIntegrationDialog } from './remove-dialog';
import { SettingsDialog } from './settings/settings-dialog';
import { IdentityDialogs } from './sso/identity-dialogs';
import { MicrosoftDialogs } from './microsoft/microsoft-dialogs';

export interface IntegrationsFlags {
  canView: boolean;
  /** Add or Edit: settings, features, privileges, updates (seed 2.14.6). */
  canConfigure: boolean;
  /** Add and Delete: adding and removing integrations. */
  canManageCatalogue: boolean;
}

/**
 * INT-1/2/4 the Integrations panel: the account's integrations, each on its own unless it folds
 * under another (M1-1), with "+ Add new", removal, settings and updates. The server checks again.
 */
export function IntegrationsPanel({ data, flags }: { data: AccountIntegrations; flags: IntegrationsFlags }) {
  const t = useT();
  const [catalogueOpen, setCatalogueOpen] = useState(false);
  const [removing, setRemoving] = useState<IntegrationId | null>(null);
  const [settingsFor, setSettingsFor] = useState<IntegrationId | null>(null);
  const [updates, setUpdates] = useState<Partial<Record<IntegrationId, string>>>({});
  const [error, setError] = useState<string | null>(null);
  if (!flags.canView) return null;

  const { accountId } = data;
  const present = data.integrations.map((i) => i.integrationId);
  const shown = data.integrations.filter((i) => i.shownUnder === null);
  const foldedUnder = (id: IntegrationId) => data.integrations.filter((i) => i.shownUnder === id).map((i) => i.integrationId);
  const settingsRow = data.integrations.find((i) => i.integrationId === settingsFor) ?? null;
  const removingRow = data.integrations.find((i) => i.integrationId === removing) ?? null;
  // GW-5: "Return to factory settings?" with the typed word only for a finished physical gateway.
  const typedReset = !!removingRow && integrationDefinition(removingRow.integrationId).removeConfirmation === 'typedReset' && removingRow.setupDone && removingRow.gateway?.model === 'physical';

  // "Remove" inside a settings dialog: that dialog closes and the removal is confirmed as everywhere.
  const removeFromDialog = flags.canManageCatalogue
    ? (id: IntegrationId) => {
        setSettingsFor(null);
        setRemoving(id);
      }
    : undefined;

  const installUpdate = async (id: IntegrationId) => {
    setError(null);
    const res = await installUpdateAction(accountId, id);
    if (res.ok) setUpdates((u) => ({ ...u, [id]: res.data.notificationId }));
    else setError(actionError(t, res));
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600">{t('integrations.intro')}</p>
        {flags.canManageCatalogue && (
          <Button variant="secondary" className="shrink-0" onClick={() => setCatalogueOpen(true)}>
            <span aria-hidden>+</span>
            {t('integrations.addNew')}
          </Button>
        )}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {shown.length === 0 ? (
        <p className="text-sm text-slate-600">{t('integrations.empty')}</p>
      ) : (
        <ul aria-label={t('integrations.listLabel')} className="flex flex-col">
          {shown.map((row) => (
            <IntegrationRow
              key={row.integrationId}
              accountId={accountId}
              integration={row}
              folded={foldedUnder(row.integrationId)}
              canConfigure={flags.canConfigure}
              canManageCatalogue={flags.canManageCatalogue}
              updateNotification={updates[row.integrationId] ?? null}
              onRemove={setRemoving}
              onSettings={setSettingsFor}
              onInstallUpdate={installUpdate}
              onUpdateClosed={(id) => setUpdates(({ [id]: _closed, ...rest }) => rest)}
            />
          ))}
        </ul>
      )}
      <CatalogueDialog accountId={accountId} open={catalogueOpen} present={present} onRemove={setRemoving} onClose={() => setCatalogueOpen(false)} />
      <SettingsDialog accountId={accountId} integration={settingsRow} onClose={() => setSettingsFor(null)} onRemove={removeFromDialog} />
      <IdentityDialogs accountId={accountId} integrationId={settingsRow?.integrationId ?? null} onClose={() => setSettingsFor(null)} />
      <MicrosoftDialogs accountId={accountId} integrationId={settingsRow?.integrationId ?? null} onClose={() => setSettingsFor(null)} onRemove={removeFromDialog} />
      <RemoveIntegrationDialog accountId={accountId} integrationId={removing} present={present} typedReset={typedReset} onClose={() => setRemoving(null)} onError={setError} />
    </div>
  );
}
