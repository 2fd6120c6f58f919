import { describe, expect, it } from 'vitest';
import { normaliseLinkCode, formatLinkCode } from '@/lib/gateway/link-code';
import { gatewayStatus, gatewayStep, isNewerVersion, type GatewayStatusView } from '@/lib/gateway/status';

const at = new Date('2026-12-07T10:00:00Z');
const gw = (extra: Partial<GatewayStatusView> = {}): GatewayStatusView => ({
  platform: 'standalone',
  siteLinkedAt: null,
  pbxLinkedAt: null,
  connectedAt: null,
  lastSeenAt: at,
  softwareVersion: '1.4.2',
  availableVersion: null,
  errorKey: null,
  errorParams: null,
  ...extra,
});

describe('gateway onboarding status (GW-1, seed 2529-2560)', () => {
  it.each([
    ['no gateway', null, false, 'noGateway'],
    ['claimed', gw(), false, 'configureGateway'],
    ['site linked', gw({ siteLinkedAt: at }), false, 'addPbx'],
    ['SMBC site linked', gw({ platform: 'smbc', siteLinkedAt: at }), false, 'syncPbx'],
    ['PBX linked', gw({ siteLinkedAt: at, pbxLinkedAt: at }), false, 'connectPbx'],
    ['connected', gw({ siteLinkedAt: at, pbxLinkedAt: at, connectedAt: at }), false, 'deployment'],
    ['finished', gw({ siteLinkedAt: at, pbxLinkedAt: at, connectedAt: at }), true, 'done'],
  ] as const)('%s → %s', (_, g, done, step) => {
    expect(gatewayStep(g, done)).toBe(step);
  });

  it('is offline after 90 s without a poll, shows the last error and a newer software version', () => {
    const s = gatewayStatus(gw({ errorKey: 'gateway.errors.pbxAuthFailed', availableVersion: '1.10.0' }), false, at.getTime() + 91_000);
    expect(s).toEqual({ step: 'configureGateway', online: false, error: { key: 'gateway.errors.pbxAuthFailed', params: {} }, updateAvailable: true });
    expect(gatewayStatus(gw(), false, at.getTime() + 89_000).online).toBe(true);
  });

  it('compares versions numerically', () => {
    expect(isNewerVersion('1.10.0', '1.9.9')).toBe(true);
    expect(isNewerVersion('1.4.2', '1.4.2')).toBe(false);
    expect(isNewerVersion('1.4.1', '1.4.2')).toBe(false);
    expect(isNewerVersion(null, '1.4.2')).toBe(false);
  });
});

describe('link codes (protocol §1)', () => {
  it('ignores case, spaces and dashes and refuses look-alike characters', () => {
    expect(normaliseLinkCode(' k7qm-4txp ')).toBe('K7QM4TXP');
    expect(normaliseLinkCode('K7QM 4TXP')).toBe('K7QM4TXP');
    expect(normaliseLinkCode('K7QM-4TX0')).toBeNull(); // 0 is not in the alphabet
    expect(normaliseLinkCode('K7QM-4TXI')).toBeNull();
    expect(normaliseLinkCode('K7QM-4TX')).toBeNull();
    expect(formatLinkCode('K7QM4TXP')).toBe('K7QM-4TXP');
  });
});
