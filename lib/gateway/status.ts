import type { Gateway } from '@/db/schema';
import { isOnline } from '@/lib/adapters/pbx/online';

/**
 * The onboarding steps of GW-1 (seed 2529-2560): the status text under "CloudLink Gateway" says
 * which comes next. SMBC platforms sync their integrated PBX instead of adding one.
 */
export type GatewayStep = 'noGateway' | 'configureGateway' | 'addPbx' | 'syncPbx' | 'connectPbx' | 'deployment' | 'done';

export type GatewayStatusView = Pick<
  Gateway,
  'platform' | 'siteLinkedAt' | 'pbxLinkedAt' | 'connectedAt' | 'lastSeenAt' | 'softwareVersion' | 'availableVersion' | 'errorKey' | 'errorParams'
>;

export function gatewayStep(gateway: GatewayStatusView | null, setupDone: boolean): GatewayStep {
  if (!gateway) return 'noGateway';
  if (!gateway.siteLinkedAt) return 'configureGateway';
  if (gateway.platform === 'smbc' ? !gateway.connectedAt : !gateway.pbxLinkedAt) return gateway.platform === 'smbc' ? 'syncPbx' : 'addPbx';
  if (!gateway.connectedAt) return 'connectPbx';
  return setupDone ? 'done' : 'deployment';
}

/** Compares dotted versions numerically ("1.10.0" is newer than "1.9.3"). */
export function isNewerVersion(candidate: string | null, current: string): boolean {
  if (!candidate) return false;
  const a = candidate.split('.').map(Number);
  const b = current.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

export interface GatewayStatus {
  step: GatewayStep;
  online: boolean;
  /** An error state (the last step failed), shown instead of the next step. */
  error: { key: string; params: Record<string, string | number> } | null;
  updateAvailable: boolean;
}

export function gatewayStatus(gateway: GatewayStatusView | null, setupDone: boolean, now = Date.now()): GatewayStatus {
  return {
    step: gatewayStep(gateway, setupDone),
    online: gateway ? isOnline(gateway.lastSeenAt, now) : false,
    error: gateway?.errorKey ? { key: gateway.errorKey, params: gateway.errorParams ?? {} } : null,
    updateAvailable: gateway ? isNewerVersion(gateway.availableVersion, gateway.softwareVersion) : false,
  };
}
