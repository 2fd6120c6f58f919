import { Panel } from '@/components/ui/panel';
import { canConfigureIntegrations, canManageIntegrationCatalogue, can } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import type { T } from '@/lib/i18n/translator';
import type { AccountIntegrations } from '@/lib/integrations/list-account-integrations';
import { IntegrationsPanel } from './integrations-panel';
import { PrivilegesPanel } from './privileges-panel';

/**
 * The Integrations and Privileges panels (INT-1..4), server-rendered around the client panels:
 * on the Integrations & Apps page and at the bottom of the account information page (seed 2316).
 */
export function IntegrationsSections({ actor, data, t }: { actor: Actor; data: AccountIntegrations; t: T }) {
  const flags = {
    canView: can(actor, 'integrations', 'view'),
    canConfigure: canConfigureIntegrations(actor),
    canManageCatalogue: canManageIntegrationCatalogue(actor),
  };
  if (!flags.canView) return null;
  return (
    <>
      <Panel title={t('integrations.panelTitle')}>
        <IntegrationsPanel data={data} flags={flags} />
      </Panel>
      <Panel title={t('integrations.privileges.title')}>
        <PrivilegesPanel data={data} canConfigure={flags.canConfigure} />
      </Panel>
    </>
  );
}
