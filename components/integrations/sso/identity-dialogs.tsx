'use client';

import type { IntegrationId } from '@/lib/integrations/catalogue';
import { ScimDialog } from '../scim/scim-dialog';
import { isSsoIntegration } from './identity-integrations';
import { SsoDialog } from './sso-dialog';

/** The panel's Finish-setup / settings dialogs of Single sign-on, Azure AD single sign-on and Azure AD Sync. */
export function IdentityDialogs({ accountId, integrationId, onClose }: { accountId: string; integrationId: IntegrationId | null; onClose: () => void }) {
  return (
    <>
      <SsoDialog accountId={accountId} integrationId={integrationId && isSsoIntegration(integrationId) ? integrationId : null} onClose={onClose} />
      <ScimDialog accountId={accountId} open={integrationId === 'azureAdSync'} onClose={onClose} />
    </>
  );
}
