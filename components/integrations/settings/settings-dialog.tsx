'use client';

import { useT } from '@/components/i18n-provider';
import type { AccountIntegrationView } from '@/lib/integrations/list-account-integrations';
import type { IntegrationSettings, IntegrationSettingsView } from '@/lib/integrations/settings';
import { isConfigurable } from '@/lib/integrations/settings';
import { Modal } from '@/components/ui/modal';
import { ChatSettings } from './chat-settings';
import { MicollabSettings } from './micollab-settings';
import { MiteamSettings } from './miteam-settings';
import { MitelOneSettings } from './mitel-one-settings';
import { VoiceAssistSettings } from './voice-assist-settings';

interface Props {
  accountId: string;
  /** The integration whose settings are open, or null. */
  integration: AccountIntegrationView | null;
  onClose: () => void;
  /** "Remove" inside the dialog (Mitel One, MiTeam Meetings), when the actor may remove. */
  onRemove?: (id: AccountIntegrationView['integrationId']) => void;
}

/** The settings dialog of a configurable integration (SUP-5, M1-1, MTM-3, MVA-1, MICOLLAB-1). */
export function SettingsDialog({ accountId, integration, onClose, onRemove }: Props) {
  const t = useT();
  const id = integration?.integrationId;
  const configurable = integration && id && isConfigurable(id) && integration.settings;
  const title = id && isConfigurable(id) ? t(`integrations.settings.title.${id}`) : '';
  const remove = onRemove && id ? () => onRemove(id) : undefined;

  return (
    <Modal open={Boolean(configurable)} title={title} onClose={onClose}>
      {configurable && id === 'chat' && <ChatSettings accountId={accountId} settings={integration.settings as IntegrationSettings['chat']} onClose={onClose} />}
      {configurable && id === 'mitelOne' && (
        <MitelOneSettings accountId={accountId} settings={integration.settings as IntegrationSettings['mitelOne']} onClose={onClose} onRemove={remove} />
      )}
      {configurable && id === 'miteamMeetings' && (
        <MiteamSettings accountId={accountId} settings={integration.settings as IntegrationSettings['miteamMeetings']} onClose={onClose} onRemove={remove} />
      )}
      {configurable && id === 'voiceAssist' && (
        <VoiceAssistSettings accountId={accountId} settings={integration.settings as IntegrationSettings['voiceAssist']} onClose={onClose} />
      )}
      {configurable && id === 'micollab' && (
        <MicollabSettings accountId={accountId} settings={integration.settings as IntegrationSettingsView['micollab']} onClose={onClose} />
      )}
    </Modal>
  );
}
