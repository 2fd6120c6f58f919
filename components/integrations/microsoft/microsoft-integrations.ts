import type { IntegrationId } from '@/lib/integrations/catalogue';

/** The Microsoft integrations whose Finish-setup / settings dialog lives here (TEAMS-1, O365-1). */
export type MicrosoftIntegration = 'teams' | 'office365';

export function hasMicrosoftDialog(id: IntegrationId): id is MicrosoftIntegration {
  return id === 'teams' || id === 'office365';
}
