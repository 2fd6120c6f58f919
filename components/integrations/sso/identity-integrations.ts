import type { IntegrationId } from '@/lib/integrations/catalogue';
import { SSO_INTEGRATIONS, type SsoIntegration } from '@/lib/sso/schemas';

/** The third-party integrations whose Finish-setup dialog lives here (SSO-1, SCIM-1). */
export type IdentityIntegration = SsoIntegration | 'azureAdSync';

export function isSsoIntegration(id: IntegrationId): id is SsoIntegration {
  return (SSO_INTEGRATIONS as readonly string[]).includes(id);
}

export function hasIdentityDialog(id: IntegrationId): id is IdentityIntegration {
  return isSsoIntegration(id) || id === 'azureAdSync';
}
