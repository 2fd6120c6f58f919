// Options of the gateway simulator: defaults, validation, and the CLI flag table (server.mjs).
import path from 'node:path';
import { defaultHardwareId, PBX_TYPES } from './pbx.mjs';

export const FAULT_DEFAULTS = Object.freeze({
  offline: false,
  slowMs: 0,
  wrongPbxCredentials: false,
  restartMidSync: false,
  duplicateEvents: false,
  outOfOrder: false,
});

/** CLI flag -> [option name, kind]. kind: 'string' | 'int' | 'number' | 'bool'. */
export const FLAGS = Object.freeze({
  '--portal': ['portal', 'string'],
  '--pbx': ['pbx', 'string'],
  '--users': ['users', 'int'],
  '--platform': ['platform', 'string'],
  '--model': ['model', 'string'],
  '--state': ['stateFile', 'string'],
  '--control-port': ['controlPort', 'int'],
  '--host': ['host', 'string'],
  '--hardware-id': ['hardwareId', 'string'],
  '--seed': ['seed', 'int'],
  '--email-domain': ['emailDomain', 'string'],
  '--missing-email-every': ['missingEmailEvery', 'int'],
  '--role-users': ['roleUsers', 'int'],
  '--pbx-username': ['pbxUsername', 'string'],
  '--pbx-password': ['pbxPassword', 'string'],
  '--software-version': ['softwareVersion', 'string'],
  '--available-version': ['availableVersion', 'string'],
  '--event-rate': ['eventRate', 'number'],
  '--poll-wait': ['pollWait', 'int'],
  '--flush-ms': ['flushMs', 'int'],
  '--claim-poll-ms': ['claimPollMs', 'int'],
  '--restart-delay-ms': ['restartDelayMs', 'int'],
  '--verbose': ['verbose', 'bool'],
});

const VERSION = /^\d+\.\d+\.\d+$/;

function fail(message) {
  throw new TypeError(`gateway simulator: ${message}`);
}

function int(value, name, min, max) {
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name} must be a whole number ${min}-${max} (got ${value})`);
  return value;
}

/**
 * Defaults applied and checked. Throws a TypeError naming the bad option.
 * @param {import('./index.d.mts').GatewaySimulatorOptions} o
 */
export function normalizeOptions(o = /** @type {any} */ ({})) {
  if (!o.portal || typeof o.portal !== 'string') fail('portal is required (e.g. http://127.0.0.1:3000)');
  try {
    const u = new URL(o.portal);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    fail(`portal must be an http(s) URL (got ${o.portal})`);
  }
  const pbx = o.pbx ?? 'mivb';
  if (!PBX_TYPES.includes(pbx)) fail(`pbx must be one of ${PBX_TYPES.join(', ')} (got ${pbx})`);
  const platform = o.platform ?? 'standalone';
  if (!['standalone', 'smbc'].includes(platform)) fail(`platform must be standalone or smbc (got ${platform})`);
  const model = o.model ?? 'physical';
  if (!['physical', 'virtual'].includes(model)) fail(`model must be physical or virtual (got ${model})`);
  const seed = int(o.seed ?? 1, 'seed', 0, 2 ** 31);
  const hardwareId = o.hardwareId ?? defaultHardwareId(pbx, seed);
  if (typeof hardwareId !== 'string' || hardwareId.length < 1 || hardwareId.length > 100) fail('hardwareId must be 1-100 characters');
  const users = int(o.users ?? 50, 'users', 0, 1_000_000);
  const softwareVersion = o.softwareVersion ?? '1.4.2';
  const availableVersion = o.availableVersion ?? '1.5.0';
  if (!VERSION.test(softwareVersion)) fail(`softwareVersion must be major.minor.patch (got ${softwareVersion})`);
  if (!VERSION.test(availableVersion)) fail(`availableVersion must be major.minor.patch (got ${availableVersion})`);
  const eventRate = o.eventRate ?? 0;
  if (typeof eventRate !== 'number' || !(eventRate >= 0)) fail('eventRate must be a number >= 0');
  const controlPort = o.controlPort === null ? null : int(o.controlPort ?? 0, 'controlPort', 0, 65535);
  const stateFile = o.stateFile === null ? null : (o.stateFile ?? path.join('.data', `gateway-sim-${hardwareId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`));
  return {
    portal: o.portal,
    pbx,
    users,
    platform,
    model,
    stateFile,
    controlPort,
    host: o.host ?? '127.0.0.1',
    hardwareId,
    seed,
    emailDomain: o.emailDomain ?? 'example.test',
    missingEmailEvery: int(o.missingEmailEvery ?? 40, 'missingEmailEvery', 0, 1_000_000),
    roleUsers: o.roleUsers === undefined || o.roleUsers === null ? null : int(o.roleUsers, 'roleUsers', 0, 1_000_000),
    pbxUsername: o.pbxUsername ?? 'admin',
    pbxPassword: o.pbxPassword ?? 'mitel',
    softwareVersion,
    availableVersion,
    eventRate,
    pollWait: int(o.pollWait ?? 25, 'pollWait', 1, 30),
    flushMs: int(o.flushMs ?? 200, 'flushMs', 1, 60_000),
    claimPollMs: o.claimPollMs === undefined || o.claimPollMs === null ? null : int(o.claimPollMs, 'claimPollMs', 1, 60_000),
    restartDelayMs: int(o.restartDelayMs ?? 1500, 'restartDelayMs', 0, 60_000),
    verbose: Boolean(o.verbose),
    faults: o.faults ?? {},
    onStatus: typeof o.onStatus === 'function' ? o.onStatus : null,
    logger: typeof o.logger === 'function' ? o.logger : null,
  };
}

/** Merge a faults patch into the current faults; throws a TypeError on unknown or ill-typed keys. */
export function mergeFaults(current, patch) {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) fail('faults must be an object');
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(FAULT_DEFAULTS, key)) fail(`unknown fault ${key} (known: ${Object.keys(FAULT_DEFAULTS).join(', ')})`);
    if (key === 'slowMs') next.slowMs = int(value, 'slowMs', 0, 600_000);
    else if (typeof value !== 'boolean') fail(`fault ${key} must be true or false`);
    else next[key] = value;
  }
  return next;
}
