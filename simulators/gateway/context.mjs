// The internals of one gateway simulator, shared by the runner (life cycle), the command
// handlers and the event queue: state, faults, stats, logs, the online/offline plumbing.
import { LOG_KINDS } from './commands.mjs';
import { createEventQueue } from './events.mjs';
import { FAULT_DEFAULTS, mergeFaults } from './options.mjs';
import { makeLinkCode, PBX_LABELS } from './pbx.mjs';
import { createPortalClient } from './portal-client.mjs';
import { createStateStore, freshState, resultsMap } from './state.mjs';

/**
 * Build the context and load (or create) the persisted state.
 * @param {ReturnType<typeof import('./options.mjs').normalizeOptions>} opts
 */
export async function createContext(opts) {
  const stop = new AbortController();
  /** @type {any} the internals shared by runner, commands and events */
  const ctx = {
    opts,
    state: null,
    results: new Map(),
    faults: mergeFaults(FAULT_DEFAULTS, opts.faults),
    stats: { eventsQueued: 0, eventsSent: 0, eventsAccepted: 0, duplicates: 0, eventsDropped: 0, eventBatchRetries: 0, commandsExecuted: 0, commandsReplayed: 0 },
    snapshots: new Map(),
    lineStates: new Map(),
    micollab: { presence: new Map(), received: [] },
    recentCommands: [],
    logs: Object.fromEntries(LOG_KINDS.map((k) => [k, []])),
    status: { online: false, restarting: false },
    eventRate: opts.eventRate,
    generation: null,
    stopSignal: stop.signal,
    client: createPortalClient({ portal: opts.portal, userAgent: `cloudlink-gateway-simulator/${opts.softwareVersion}` }),
  };
  const store = createStateStore(opts.stateFile, () => ({ state: ctx.state, results: ctx.results }));
  ctx.store = store;

  let link = new AbortController(); // aborted when the generation ends or the gateway goes offline
  let onlineWaiters = [];
  const listeners = new Set();
  let lastAnnounced = null;

  Object.assign(ctx, {
    log(kind, text, level = 'INFO') {
      const line = `${new Date().toISOString()} ${level.padEnd(5)} ${text}`;
      const ring = ctx.logs[kind];
      ring.push(line);
      if (ring.length > 2000) ring.splice(0, ring.length - 2000);
      if (opts.logger) opts.logger(`[${kind}] ${line}`);
      else if (opts.verbose) process.stderr.write(`[gateway-sim ${ctx.state?.hardwareId ?? opts.hardwareId}] ${kind}: ${line}\n`);
    },
    persist: () => {
      if (!stop.signal.aborted) store.save();
    },
    notify() {
      for (const fn of listeners) fn();
    },
    setOnline(value) {
      if (ctx.status.online !== value) {
        ctx.status.online = value;
        ctx.notify();
      }
    },
    waitOnline(signal) {
      if (!ctx.faults.offline || signal.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          signal.removeEventListener('abort', done);
          onlineWaiters = onlineWaiters.filter((w) => w !== done);
          resolve();
        };
        onlineWaiters.push(done);
        signal.addEventListener('abort', done, { once: true });
      });
    },
    requestSignal: () => link.signal,
    beginGeneration(controller) {
      ctx.generation = controller;
      link = new AbortController();
      if (ctx.faults.offline) link.abort();
      controller.signal.addEventListener('abort', () => link.abort(), { once: true });
    },
    canPost: () => Boolean(ctx.state.credential && ctx.generation && !ctx.faults.offline && !ctx.status.restarting && !stop.signal.aborted),
    emitStatus(event) {
      try {
        opts.onStatus?.(event);
      } catch (err) {
        process.stderr.write(`gateway simulator: onStatus failed: ${err.message}\n`);
      }
    },
    announced(code) {
      if (code !== lastAnnounced) {
        lastAnnounced = code;
        ctx.emitStatus({ type: 'linkCode', linkCode: code });
      }
      ctx.notify();
    },
    /** Credential refused (full = false) or factory reset (full = true). */
    forgetIdentity(full) {
      const s = ctx.state;
      s.credential = null;
      s.accountName = null;
      s.linkCode = makeLinkCode();
      if (full) Object.assign(s, { site: null, pbx: null, gatewayId: null, pollToken: null, scheduledUpdate: null });
      ctx.snapshots.clear();
      ctx.queue.clear();
      ctx.setOnline(false);
      ctx.log('cloudConnection', full ? 'Factory reset: credential, site and PBX forgotten' : 'The portal refused the credential; announcing again', 'WARN');
      ctx.emitStatus({ type: 'unclaimed', reason: full ? 'factoryReset' : 'credentialRefused' });
      void store.saveNow();
      ctx.notify();
    },
    bootLog() {
      const s = ctx.state;
      ctx.log('system', `CloudLink Gateway ${s.softwareVersion} starting (${s.model}, ${s.platform}), hardware id ${s.hardwareId}`);
      ctx.log('pbxLink', s.pbx ? `PBX ${PBX_LABELS[s.pbx.type]} at ${s.pbx.address} (user "${s.pbx.username}")` : 'No PBX configured');
      ctx.log('cloudConnection', `Portal ${ctx.client.baseUrl}; ${s.credential ? `claimed as ${s.gatewayId}` : 'not claimed yet'}`);
    },
  });

  Object.assign(ctx, {
    listeners,
    /** Fault offline switched on/off: abort or re-open the network, wake parked requests. */
    setOffline(on) {
      if (on) {
        link.abort();
        ctx.setOnline(false);
        ctx.log('cloudConnection', 'Fault offline: network down', 'WARN');
      } else {
        if (ctx.generation && !ctx.generation.signal.aborted) ctx.beginGeneration(ctx.generation);
        ctx.wakeParked();
        ctx.log('cloudConnection', 'Fault offline cleared: network up');
      }
    },
    wakeParked() {
      for (const resolve of onlineWaiters.splice(0)) resolve();
    },
    /** Stop: abort everything in flight. */
    abortAll() {
      stop.abort();
      ctx.generation?.abort();
      link.abort();
      ctx.wakeParked();
    },
  });

  ctx.state = store.load(opts) ?? freshState(opts);
  ctx.results = resultsMap(ctx.state);
  await store.saveNow();
  ctx.queue = createEventQueue(ctx);
  ctx.bootLog();
  return ctx;
}
