import type { GatewayStep } from '@/lib/gateway/status';

/** The wizard's pages in order (GW-2); SMBC platforms show "Sync PBX" in place of "PBX" + "Connect". */
export type WizardPage = 'claim' | 'site' | 'pbx' | 'connect' | 'deployment';

export function pagesFor(platform: 'standalone' | 'smbc' | null): WizardPage[] {
  return platform === 'smbc' ? ['claim', 'site', 'connect', 'deployment'] : ['claim', 'site', 'pbx', 'connect', 'deployment'];
}

export function pageOf(step: GatewayStep): WizardPage {
  switch (step) {
    case 'noGateway':
      return 'claim';
    case 'configureGateway':
      return 'site';
    case 'addPbx':
      return 'pbx';
    case 'syncPbx':
    case 'connectPbx':
      return 'connect';
    case 'deployment':
    case 'done':
      return 'deployment';
  }
}
