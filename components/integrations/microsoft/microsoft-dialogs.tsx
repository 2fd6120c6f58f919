'use client';

import type { IntegrationId } from '@/lib/integrations/catalogue';
import { Office365Dialog } from './office365-dialog';
import { TeamsSetupDialog } from './teams-setup-dialog';

interface Props {
  accountId: string;
  /** The integration whose dialog the panel opened, or null. */
  integrationId: IntegrationId | null;
  onClose: () => void;
  /** "Remove" in the dialog: the panel's removal confirmation, when the actor may remove. */
  onRemove?: (id: IntegrationId) => void;
}

/** The panel's Finish-setup / settings dialogs of Microsoft Teams and Office 365. */
export function MicrosoftDialogs({ accountId, integrationId, onClose, onRemove }: Props) {
  return (
    <>
      <TeamsSetupDialog accountId={accountId} open={integrationId === 'teams'} onClose={onClose} onRemove={onRemove ? () => onRemove('teams') : undefined} />
      <Office365Dialog accountId={accountId} open={integrationId === 'office365'} onClose={onClose} onRemove={onRemove ? () => onRemove('office365') : undefined} />
    </>
  );
}
