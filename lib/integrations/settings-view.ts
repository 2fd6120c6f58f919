import { secretStatus } from '@/lib/crypto/secret-status';
import type { IntegrationId } from './catalogue';
import { isConfigurable, readSettings, type IntegrationSettingsView, type StoredSecret } from './settings';

/**
 * The settings of a stored integration as the browser may see them (INT-5): every secret is
 * replaced by its status ("set on <date>"), so the sealed value never leaves the server, not even
 * encrypted. Null for integrations without settings.
 */
export function settingsView(id: IntegrationId, version: number, stored: Record<string, unknown>): IntegrationSettingsView[keyof IntegrationSettingsView] | null {
  if (!isConfigurable(id)) return null;
  if (id === 'micollab') {
    const s = readSettings('micollab', version, stored);
    return { address: s.address, password: secretOf(s.password) };
  }
  return readSettings(id, version, stored) as IntegrationSettingsView[typeof id];
}

function secretOf(secret: StoredSecret | null) {
  return secretStatus(secret?.sealed, secret?.setAt);
}
