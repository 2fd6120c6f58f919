// Carrying out the portal's commands (docs/gateway-protocol.md §3, "Command types") on the
// simulated gateway and PBX. executeCommand() returns the outcome to post and, for restart,
// performUpdate, factoryReset and restartMidSync, what the gateway does after posting it.
import { randomUUID } from 'node:crypto';
import { generatedCallRecords, PBX_LABELS, PBX_TYPES, PBX_VERSIONS } from './pbx.mjs';

export const LOG_KINDS = Object.freeze(['system', 'pbxLink', 'cloudConnection', 'sync']);
const MAX_SNAPSHOTS = 5;
const MAX_PAGE = 2000;
const VERSION = /^\d+\.\d+\.\d+$/;

const ok = (result) => ({ outcome: { status: 'ok', result } });
const fail = (code, message) => ({ outcome: { status: 'error', error: { code, message } } });
const invalid = (message) => fail('invalid_payload', message);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v) => typeof v === 'string' && v.trim().length > 0;

function authFailed() {
  return fail('pbx_auth_failed', 'The PBX refused the user name or password.');
}

/** Guard shared by the commands that talk to the PBX. */
function pbxReady(ctx) {
  if (!ctx.state.pbx) return fail('pbx_not_configured', 'No PBX is configured on this gateway yet.');
  if (ctx.faults.wrongPbxCredentials) return authFailed();
  return null;
}

function pbxCounts(ctx) {
  const users = ctx.state.users;
  return { users: users.length, devices: users.reduce((n, u) => n + u.devices, 0) };
}

function linkSite(ctx, p) {
  const site = p?.site;
  if (!isObject(site) || !nonEmpty(site.name)) return invalid('site.name is required.');
  if (!isObject(site.address)) return invalid('site.address is required.');
  const modes = ['dhcp', 'static', 'disabled'];
  const port1 = site.ethernet?.port1;
  const port2 = site.ethernet?.port2;
  if (!isObject(port1) || !modes.includes(port1.mode)) return invalid('site.ethernet.port1.mode must be dhcp, static or disabled.');
  if (port1.mode === 'disabled') return invalid('Ethernet port 1 cannot be disabled.');
  if (port2 !== undefined && (!isObject(port2) || !modes.includes(port2.mode))) return invalid('site.ethernet.port2.mode must be dhcp, static or disabled.');
  for (const [name, port] of [['port1', port1], ['port2', port2]]) {
    if (port?.mode === 'static' && !(nonEmpty(port.ip) && Number.isInteger(port.prefixLength) && nonEmpty(port.gateway))) {
      return invalid(`site.ethernet.${name}: a static port needs ip, prefixLength and gateway.`);
    }
  }
  ctx.state.site = structuredClone(site);
  ctx.log('system', `Site set to "${site.name}" (${site.address.city ?? '?'}, ${site.address.country ?? '?'}); port 1 ${port1.mode}`);
  return ok({});
}

function configurePbx(ctx, p) {
  const pbx = p?.pbx;
  if (!isObject(pbx) || !PBX_TYPES.includes(pbx.type)) return invalid(`pbx.type must be one of ${PBX_TYPES.join(', ')}.`);
  const { opts } = ctx;
  if (pbx.type !== ctx.state.pbxType) {
    ctx.log('pbxLink', `configurePbx: expected ${PBX_LABELS[pbx.type]}, found ${PBX_LABELS[ctx.state.pbxType]}`, 'ERROR');
    return fail('pbx_type_mismatch', `The PBX at this address is a ${PBX_LABELS[ctx.state.pbxType]}, not a ${PBX_LABELS[pbx.type]}.`);
  }
  if (!nonEmpty(pbx.address)) return fail('pbx_unreachable', 'The PBX did not answer: no address given.');
  if (ctx.faults.wrongPbxCredentials || pbx.username !== opts.pbxUsername || pbx.password !== opts.pbxPassword) {
    ctx.log('pbxLink', `Login to ${pbx.address} as "${pbx.username}" refused`, 'ERROR');
    return authFailed();
  }
  // The password is kept (the gateway needs it to log in) but never logged nor shown.
  ctx.state.pbx = { type: pbx.type, address: pbx.address.trim(), username: pbx.username, password: pbx.password };
  ctx.log('pbxLink', `Connected to ${PBX_LABELS[pbx.type]} ${PBX_VERSIONS[pbx.type]} at ${pbx.address.trim()} as "${pbx.username}"`);
  return ok({ pbxVersion: PBX_VERSIONS[pbx.type] });
}

function testConnection(ctx) {
  const blocked = pbxReady(ctx);
  if (blocked) return blocked;
  const counts = pbxCounts(ctx);
  ctx.log('pbxLink', `Connection test ok: ${counts.users} users, ${counts.devices} devices`);
  return ok({ pbxType: ctx.state.pbxType, pbxVersion: PBX_VERSIONS[ctx.state.pbxType], ...counts });
}

function beginUserSync(ctx) {
  const blocked = pbxReady(ctx);
  if (blocked) return blocked;
  const snapshotId = `snap-${randomUUID()}`;
  const users = structuredClone(ctx.state.users);
  ctx.snapshots.set(snapshotId, { users, pagesServed: 0, createdAt: Date.now() });
  while (ctx.snapshots.size > MAX_SNAPSHOTS) ctx.snapshots.delete(ctx.snapshots.keys().next().value);
  ctx.log('sync', `Snapshot ${snapshotId} frozen with ${users.length} users`);
  return ok({ snapshotId, total: users.length, pbxType: ctx.state.pbxType });
}

function fetchUsers(ctx, p) {
  const snapshot = ctx.snapshots.get(p?.snapshotId);
  if (!snapshot) {
    ctx.log('sync', `fetchUsers: snapshot ${p?.snapshotId} unknown`, 'WARN');
    return fail('snapshot_unknown', 'This snapshot is not known (the gateway restarted); begin the sync again.');
  }
  const offset = Number.isInteger(p.offset) && p.offset >= 0 ? p.offset : 0;
  const limit = Number.isInteger(p.limit) && p.limit > 0 ? Math.min(p.limit, MAX_PAGE) : 1000;
  const users = snapshot.users.slice(offset, offset + limit);
  snapshot.pagesServed++;
  ctx.log('sync', `Snapshot ${p.snapshotId}: users ${offset}-${offset + users.length} of ${snapshot.users.length} sent`);
  const result = ok({ users, total: snapshot.users.length });
  if (snapshot.pagesServed === 1 && ctx.faults.restartMidSync) {
    ctx.faults.restartMidSync = false; // fires once
    ctx.log('system', 'Fault restartMidSync: restarting after the first page', 'WARN');
    result.after = 'restart';
  }
  return result;
}

function fetchCallRecords(ctx, p) {
  const now = Date.now();
  const sinceMs = p?.since === undefined || p?.since === null ? now - 24 * 3600_000 : Date.parse(p.since);
  if (Number.isNaN(sinceMs)) return invalid('since must be an ISO 8601 time stamp.');
  const limit = Number.isInteger(p?.limit) && p.limit > 0 ? Math.min(p.limit, 5000) : 1000;
  const made = ctx.state.callRecords.filter((r) => Date.parse(r.startedAt) >= sinceMs);
  const generated = generatedCallRecords({ seed: ctx.opts.seed, users: ctx.state.users, since: sinceMs, until: now, limit });
  const records = [...generated, ...made].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return ok({ records: records.slice(0, limit) });
}

function fetchLogs(ctx, p) {
  if (!LOG_KINDS.includes(p?.kind)) return invalid(`kind must be one of ${LOG_KINDS.join(', ')}.`);
  return ok({ kind: p.kind, lines: ctx.logs[p.kind].slice(-2000) });
}

function callTrace(ctx, p) {
  const extension = typeof p?.extension === 'string' ? p.extension : String(p?.extension ?? '');
  const user = ctx.state.users.find((u) => u.extensions.includes(extension));
  if (!user) return fail('unknown_extension', `No user on the PBX has extension ${extension}.`);
  const seconds = Math.min(300, Math.max(5, Number.isFinite(p?.seconds) ? p.seconds : 30));
  const start = Date.now() - seconds * 1000;
  const at = (fraction) => new Date(start + Math.round(fraction * seconds * 1000)).toISOString();
  const line = ctx.lineStates.get(user.pbxUserId) ?? 'idle';
  const entries = [
    { at: at(0.1), event: 'register', detail: `Device of ${user.firstName} ${user.lastName} registered on ${extension}` },
    { at: at(0.3), event: 'offHook', detail: `Extension ${extension} off hook` },
    { at: at(0.35), event: 'dial', detail: `Extension ${extension} dialled +31201234567` },
    { at: at(0.45), event: 'ringing', detail: 'Far end ringing' },
    { at: at(0.55), event: 'connected', detail: 'Call connected, codec G.711A' },
    { at: at(0.9), event: 'onHook', detail: `Extension ${extension} on hook, call cleared (normal)` },
    { at: at(1), event: 'lineState', detail: `Current line state: ${line}` },
  ];
  return ok({ extension, entries });
}

function scheduleUpdate(ctx, p) {
  if (!VERSION.test(String(p?.version ?? ''))) return invalid('version must be major.minor.patch.');
  if (Number.isNaN(Date.parse(p?.at ?? ''))) return invalid('at must be an ISO 8601 time stamp.');
  ctx.state.scheduledUpdate = { version: p.version, at: p.at };
  ctx.log('system', `Update to ${p.version} scheduled for ${p.at}`);
  return ok({ scheduledFor: p.at });
}

function performUpdate(ctx, p) {
  const version = p?.version ?? ctx.opts.availableVersion;
  if (!VERSION.test(String(version))) return invalid('version must be major.minor.patch.');
  ctx.log('system', `Updating software ${ctx.state.softwareVersion} -> ${version}; restarting`);
  ctx.state.softwareVersion = version;
  ctx.state.scheduledUpdate = null;
  return { ...ok({ softwareVersion: version }), after: 'restart' };
}

/**
 * Protocol v1.1 `setMicollabPresence` (TEAMS-4): Microsoft Teams presence the portal hands to
 * MiCollab through the gateway. Only on MiVoice Business (MiCollab 9.8 SP1+). What MiCollab
 * received is kept per user with the time, for tests and the bidirectional benchmark.
 */
function setMicollabPresence(ctx, p) {
  if (ctx.state.pbxType !== 'mivb') return fail('not_supported', 'Teams presence in MiCollab needs MiVoice Business.');
  if (!Array.isArray(p?.updates) || p.updates.length > 2000) return invalid('updates must be an array of at most 2000.');
  const at = performance.timeOrigin + performance.now();
  for (const u of p.updates) {
    if (typeof u?.pbxUserId !== 'string' || typeof u?.availability !== 'string') return invalid('each update needs pbxUserId and availability.');
  }
  for (const u of p.updates) {
    const entry = { pbxUserId: u.pbxUserId, email: u.email ?? null, availability: u.availability, activity: u.activity ?? u.availability, at };
    ctx.micollab.presence.set(u.pbxUserId, entry);
    ctx.micollab.received.push(entry);
    if (ctx.micollab.received.length > 100_000) ctx.micollab.received.splice(0, 10_000);
  }
  ctx.log('system', `MiCollab presence for ${p.updates.length} user(s)`);
  return ok({ accepted: p.updates.length });
}

const HANDLERS = {
  setMicollabPresence,
  linkSite,
  configurePbx,
  testConnection,
  beginUserSync,
  fetchUsers,
  fetchCallRecords,
  fetchLogs,
  callTrace,
  restart: (ctx) => {
    ctx.log('system', 'Restart requested by the portal');
    return { ...ok({}), after: 'restart' };
  },
  scheduleUpdate,
  performUpdate,
  factoryReset: (ctx) => {
    ctx.log('system', 'Factory reset requested by the portal', 'WARN');
    return { ...ok({}), after: 'factoryReset' };
  },
};

/**
 * Carry out one command.
 * @returns {{outcome: {status: 'ok', result: object} | {status: 'error', error: {code: string, message: string}}, after?: 'restart'|'factoryReset'}}
 */
export function executeCommand(ctx, command) {
  const handler = Object.hasOwn(HANDLERS, command.type) ? HANDLERS[command.type] : null;
  if (!handler) return fail('unsupported_command', `This gateway does not support the command "${command.type}".`);
  try {
    return handler(ctx, isObject(command.payload) ? command.payload : {});
  } catch (err) {
    ctx.log('system', `Command ${command.type} crashed: ${err.message}`, 'ERROR');
    return fail('internal_error', 'The gateway could not carry out this command.');
  }
}
