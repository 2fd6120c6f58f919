'use client';

import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { integrationDefinition, type IntegrationId } from '@/lib/integrations/catalogue';
import type { AccountIntegrationView } from '@/lib/integrations/list-account-integrations';
import { isConfigurable, type IntegrationSettings } from '@/lib/integrations/settings';
import { formatDay, integrationName } from './labels';
import { MitelOneFeatures } from './mitel-one-features';
import { GearButton } from './gear-button';
import { Switch } from '@/components/ui/switch';
import { UpdateProgress } from './update-progress';
import { GatewayRowStatus } from '@/components/gateway/row-status';
import { DeleteButton } from './delete-button';
import { hasIdentityDialog } from './sso/identity-integrations';
import { hasMicrosoftDialog } from './microsoft/microsoft-integrations';
import { Office365RowStatus } from './microsoft/office365-row-status';
import { TeamsFeatures } from './microsoft/teams-features';

interface Props {
  accountId: string;
  integration: AccountIntegrationView;
  /** Integrations shown as features of this one (M1-1). */
  folded: readonly IntegrationId[];
  canConfigure: boolean;
  canManageCatalogue: boolean;
  /** The notification of a running "Install update", if one was started here. */
  updateNotification: string | null;
  onRemove: (id: IntegrationId) => void;
  onSettings: (id: IntegrationId) => void;
  onInstallUpdate: (id: IntegrationId) => void;
  onUpdateClosed: (id: IntegrationId) => void;
}

/** One integration of the panel: its switch (off = remove), its status, and its settings gear. */
export function IntegrationRow(props: Props) {
  const { accountId, integration: row, folded, canConfigure, canManageCatalogue, updateNotification } = props;
  const { t, i18n } = useTranslation();
  const nameId = useId();
  const statusId = useId();
  const id = row.integrationId;
  const d = integrationDefinition(id);
  const name = integrationName(t, id);
  // SSO-1 / SCIM-1 / TEAMS-1 / O365-1: these third-party integrations have their own dialog, opened like settings.
  const hasDialog = isConfigurable(id) || hasIdentityDialog(id) || hasMicrosoftDialog(id);
  const gear = canConfigure && hasDialog && !row.needsSetup;

  return (
    <li className="flex items-start gap-4 border-b border-slate-100 py-4 last:border-b-0">
      {d.setup === 'gatewayOnboarding' && row.needsSetup ? (
        // GW-5: an onboarding not yet finished is removed with the delete icon, a finished one with the switch.
        <DeleteButton name={name} disabled={!canManageCatalogue} onClick={() => props.onRemove(id)} />
      ) : (
        <Switch
          checked
          aria-labelledby={nameId}
          aria-describedby={statusId}
          disabled={!canManageCatalogue || !d.removable}
          onChange={() => props.onRemove(id)}
          className="mt-0.5"
        />
      )}
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex items-center justify-between gap-2">
          <h3 id={nameId} className="text-sm font-semibold">
            {name}
          </h3>
          {gear && <GearButton name={name} onClick={() => props.onSettings(id)} />}
        </div>
        <div id={statusId} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
          {status()}
          {!d.removable && <span>{t('integrations.status.alwaysOn')}</span>}
        </div>
        {updateNotification && <UpdateProgress integrationId={id} notificationId={updateNotification} onClose={() => props.onUpdateClosed(id)} />}
        {id === 'mitelOne' && row.settings && (
          <MitelOneFeatures
            accountId={accountId}
            features={(row.settings as IntegrationSettings['mitelOne']).features}
            folded={folded}
            canConfigure={canConfigure}
            updateAvailable={row.updateAvailable}
            onSettings={props.onSettings}
          />
        )}
        {id === 'teams' && canConfigure && <TeamsFeatures accountId={accountId} setupDone={row.setupDone} />}
      </div>
    </li>
  );

  function status(): ReactNode {
    const { integration, canConfigure: configure, updateNotification: running } = props;
    const added = <span suppressHydrationWarning>{t('integrations.status.addedOn', { date: formatDay(integration.addedAt, i18n.language) })}</span>;
    if (d.setup === 'gatewayOnboarding') return <GatewayRowStatus accountId={accountId} integration={integration} canConfigure={configure} />;
    if (integration.needsSetup) {
      if (!hasDialog) {
        // Third-party setup wizards arrive with their own features; nothing fake is offered here.
        return (
          <>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{t('integrations.status.finishSetup')}</span>
            <span className="text-xs">{t('integrations.status.setupLater')}</span>
          </>
        );
      }
      return configure ? (
        <Button variant="secondary" className="px-3 py-1" onClick={() => props.onSettings(id)}>
          {t('integrations.status.finishSetup')}
        </Button>
      ) : (
        <span className="font-medium text-amber-800">{t('integrations.status.setupPending')}</span>
      );
    }
    if (integration.updateAvailable && !running) {
      return (
        <>
          <span className="font-medium text-amber-800">{t('integrations.status.updateAvailable')}</span>
          {configure && (
            <Button variant="secondary" className="px-3 py-1" onClick={() => props.onInstallUpdate(id)}>
              {t('integrations.status.installUpdate')}
            </Button>
          )}
        </>
      );
    }
    if (id === 'office365') {
      return (
        <>
          <Office365RowStatus accountId={accountId} />
          {added}
        </>
      );
    }
    if (d.setup === 'finishSetup') {
      const va = id === 'voiceAssist' ? (integration.settings as IntegrationSettings['voiceAssist'] | null) : null;
      return (
        <>
          {integration.certificate ? (
            <span className="font-medium text-red-800">
              {t(`integrations.status.certificate.${integration.certificate.state}`, { date: formatDay(integration.certificate.validTo, i18n.language) })}
            </span>
          ) : (
            <span className="font-medium text-green-800">{t('integrations.status.configured')}</span>
          )}
          {va?.pilotNumber && va.recipe && (
            <span>{t('integrations.voiceAssist.summary', { number: va.pilotNumber, recipe: t(`integrations.voiceAssist.recipes.${va.recipe}`) })}</span>
          )}
          {added}
        </>
      );
    }
    return added;
  }
}
