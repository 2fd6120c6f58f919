import 'server-only';
import type { GatewaySite, PbxType } from '@/db/schema';
import type { PbxUserRecord } from '@/lib/gateway/protocol/schemas';
import { sendCommand, type GatewayRef } from './send-command';

export { GatewayCommandError, GatewayOfflineError } from './errors';
export { isOnline, OFFLINE_AFTER_MS } from './online';
export type { GatewayRef } from './send-command';

export type LogKind = 'system' | 'pbxLink' | 'cloudConnection' | 'sync';
export interface PbxCredentials {
  type: PbxType;
  address: string;
  username: string;
  password: string;
}
/** TEAMS-4: a user's Microsoft Teams presence for the MiCollab client, through the gateway (protocol v1.1). */
export interface MicollabPresenceUpdate {
  pbxUserId: string;
  email: string;
  availability: string;
  activity: string;
}
export interface CallTraceEntry {
  at: string;
  event: string;
  detail: string;
}

/**
 * The portal's one way to a gateway and the PBX behind it (GW-6). Jobs and commands use only
 * this; it speaks docs/gateway-protocol.md through the command queue.
 */
export const pbx = {
  linkSite: (gw: GatewayRef, site: GatewaySite) => sendCommand(gw, 'linkSite', { site }),
  configurePbx: (gw: GatewayRef, p: PbxCredentials) => sendCommand<{ pbxVersion?: string }>(gw, 'configurePbx', { pbx: p }, 60_000),
  testConnection: (gw: GatewayRef) => sendCommand<{ pbxType: PbxType; pbxVersion: string; users: number; devices: number }>(gw, 'testConnection', {}, 60_000),
  beginUserSync: (gw: GatewayRef) => sendCommand<{ snapshotId: string; total: number; pbxType: PbxType }>(gw, 'beginUserSync', {}, 120_000),
  fetchUsers: (gw: GatewayRef, snapshotId: string, offset: number, limit: number) =>
    sendCommand<{ users: unknown[]; total: number }>(gw, 'fetchUsers', { snapshotId, offset, limit }, 60_000),
  fetchCallRecords: (gw: GatewayRef, since: string, limit = 500) => sendCommand<{ records: unknown[] }>(gw, 'fetchCallRecords', { since, limit }),
  fetchLogs: (gw: GatewayRef, kind: LogKind) => sendCommand<{ kind: LogKind; lines: string[] }>(gw, 'fetchLogs', { kind }),
  callTrace: (gw: GatewayRef, extension: string, seconds: number) =>
    sendCommand<{ extension: string; entries: CallTraceEntry[] }>(gw, 'callTrace', { extension, seconds }, (seconds + 30) * 1000),
  restart: (gw: GatewayRef) => sendCommand(gw, 'restart', {}),
  scheduleUpdate: (gw: GatewayRef, version: string, at: string) => sendCommand<{ scheduledFor: string }>(gw, 'scheduleUpdate', { version, at }),
  performUpdate: (gw: GatewayRef, version: string) => sendCommand<{ softwareVersion: string }>(gw, 'performUpdate', { version }, 180_000),
  factoryReset: (gw: GatewayRef) => sendCommand(gw, 'factoryReset', {}),
  setMicollabPresence: (gw: GatewayRef, updates: MicollabPresenceUpdate[]) => sendCommand<{ accepted: number }>(gw, 'setMicollabPresence', { updates }, 15_000),
};

export type PbxAdapter = typeof pbx;
export type { PbxUserRecord };
