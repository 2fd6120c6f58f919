// Events (docs/gateway-protocol.md §4): the queue, its batching/flush loop with retries of the
// SAME batch, the duplicateEvents/outOfOrder faults, and the random event generator.
import { randomUUID } from 'node:crypto';
import { backoffMs, isAbort, retryAfterMs, sleep } from './portal-client.mjs';

export const EMIT_TYPES = Object.freeze(['lineState', 'userPresence', 'dnd', 'callRecord']);
export const LINE_STATES = Object.freeze(['idle', 'ringing', 'busy', 'held', 'unavailable']);
export const PRESENCES = Object.freeze(['available', 'away', 'busy', 'doNotDisturb', 'offline', 'absent', 'meeting', 'notAvailable']);
export const MAX_PENDING = 100_000;
export const BATCH_SIZE = 500;

const newId = () => `evt-${randomUUID()}`;
const badInput = (message) => Object.assign(new Error(message), { status: 400 });
const pick = (list) => list[Math.floor(Math.random() * list.length)];

function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/**
 * The event queue of one simulator.
 * @param {object} ctx the simulator's internals (state, stats, faults, client, canPost, requestSignal, log, notify)
 */
export function createEventQueue(ctx) {
  let pending = [];
  /** @type {{events: object[], attempts: number} | null} the batch being posted; retried as is */
  let inflight = null;
  let wake = null;
  const { stats } = ctx;

  const count = () => pending.length + (inflight ? inflight.events.length : 0);

  function push(type, data, at = new Date().toISOString()) {
    const event = { id: newId(), type, at, data };
    pending.push(event);
    stats.eventsQueued++;
    if (pending.length > MAX_PENDING) {
      pending.splice(0, pending.length - MAX_PENDING);
      stats.eventsDropped++;
    }
    return event.id;
  }

  /** Next batch, frozen for its retries. outOfOrder: shuffled, plus an older lineState after each one. */
  function makeBatch() {
    const outOfOrder = Boolean(ctx.faults.outOfOrder);
    let take = 0;
    let size = 0;
    while (take < pending.length) {
      const cost = outOfOrder && pending[take].type === 'lineState' ? 2 : 1;
      if (size + cost > BATCH_SIZE) break;
      size += cost;
      take++;
    }
    const events = pending.splice(0, take);
    if (!outOfOrder) return { events, attempts: 0 };
    const older = events
      .filter((e) => e.type === 'lineState')
      .map((e) => ({
        id: newId(),
        type: 'lineState',
        at: new Date(Date.parse(e.at) - 5000).toISOString(),
        data: { ...e.data, state: pick(LINE_STATES.filter((s) => s !== e.data.state)) },
      }));
    stats.eventsQueued += older.length;
    return { events: [...shuffle(events), ...older], attempts: 0 };
  }

  function napFor(ms, stop) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop.removeEventListener('abort', done);
        if (wake === done) wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      stop.addEventListener('abort', done, { once: true });
      wake = done;
    });
  }

  /** @returns {Promise<'ok'|'retry'|'aborted'|'dropped'>} */
  async function send(batch, stop) {
    const signal = ctx.requestSignal();
    let res;
    try {
      res = await ctx.client.postEvents(ctx.state.credential, batch.events, signal);
    } catch (err) {
      if (stop.aborted || (isAbort(err) && signal.aborted)) return 'aborted';
      ctx.log('cloudConnection', `Posting ${batch.events.length} events failed: ${err.message}`, 'WARN');
      return 'retry';
    }
    if (res.status >= 200 && res.status < 300) {
      stats.eventsSent += batch.events.length;
      stats.eventsAccepted += Number(res.body?.accepted) || 0;
      stats.duplicates += Number(res.body?.duplicates) || 0;
      if (ctx.faults.duplicateEvents) {
        try {
          const again = await ctx.client.postEvents(ctx.state.credential, batch.events, signal);
          if (again.status >= 200 && again.status < 300) {
            stats.eventsSent += batch.events.length;
            stats.eventsAccepted += Number(again.body?.accepted) || 0;
            stats.duplicates += Number(again.body?.duplicates) || 0;
          }
        } catch {
          // the duplicate is a fault injection; losing it changes nothing
        }
      }
      return 'ok';
    }
    if (res.status === 413 && batch.events.length > 1) {
      const half = Math.ceil(batch.events.length / 2);
      pending.unshift(...batch.events.slice(half));
      batch.events = batch.events.slice(0, half);
      return 'retry';
    }
    if (res.status === 400 || res.status === 413) {
      stats.eventsDropped += batch.events.length;
      ctx.log('cloudConnection', `Portal refused a batch of ${batch.events.length} events: ${JSON.stringify(res.body?.error ?? res.status)}`, 'ERROR');
      return 'dropped';
    }
    ctx.log('cloudConnection', `Portal answered ${res.status} to ${batch.events.length} events; retrying the same batch`, 'WARN');
    batch.retryAfter = retryAfterMs(res);
    return 'retry';
  }

  async function run(stop) {
    while (!stop.aborted) {
      if (!count() || !ctx.canPost()) {
        await napFor(ctx.opts.flushMs, stop);
        continue;
      }
      inflight ??= makeBatch();
      const batch = inflight;
      const outcome = await send(batch, stop);
      if (outcome === 'aborted' || inflight !== batch) continue; // inflight !== batch: cleared meanwhile
      if (outcome === 'retry') {
        batch.attempts++;
        stats.eventBatchRetries++;
        const wait = batch.retryAfter ?? backoffMs(batch.attempts);
        batch.retryAfter = null;
        await sleep(wait, stop);
        continue;
      }
      inflight = null;
      ctx.notify();
      if (pending.length < BATCH_SIZE) await napFor(ctx.opts.flushMs, stop);
    }
  }

  return {
    push,
    run,
    pending: count,
    /** Send now instead of at the next flush interval. */
    wake: () => wake?.(),
    /** Forget everything queued (the gateway lost its identity). */
    clear() {
      pending = [];
      inflight = null;
    },
  };
}

function userFor(ctx, pbxUserId) {
  const users = ctx.state.users;
  const user = pbxUserId === undefined ? users.find((u) => u.cloudlinkRole) : users.find((u) => u.pbxUserId === pbxUserId);
  if (!user) throw badInput(pbxUserId === undefined ? 'No user has the CloudLink role.' : `No user ${pbxUserId} on the PBX.`);
  return user;
}

/** Remember a finished call (fetchCallRecords returns it) and return the record. */
export function recordCall(ctx, record) {
  ctx.state.callRecords.push(record);
  if (ctx.state.callRecords.length > 5000) ctx.state.callRecords.splice(0, ctx.state.callRecords.length - 5000);
  ctx.persist();
  return record;
}

/**
 * An event from the control API / emit(): {type, pbxUserId?, at?, ...data}. Throws (status 400) on bad input.
 * @returns {{type: string, data: object, at: string}}
 */
export function eventFromInput(ctx, input) {
  if (!input || typeof input !== 'object') throw badInput('The event must be an object.');
  const { type, pbxUserId, at, ...rest } = input;
  if (!EMIT_TYPES.includes(type)) throw badInput(`type must be one of ${EMIT_TYPES.join(', ')}.`);
  if (at !== undefined && Number.isNaN(Date.parse(at))) throw badInput('at must be an ISO 8601 time stamp.');
  const when = at === undefined ? new Date().toISOString() : new Date(at).toISOString();
  const user = type === 'callRecord' && pbxUserId === null ? null : userFor(ctx, pbxUserId);
  if (type === 'lineState') {
    const state = rest.state ?? 'busy';
    if (!LINE_STATES.includes(state)) throw badInput(`state must be one of ${LINE_STATES.join(', ')}.`);
    ctx.lineStates.set(user.pbxUserId, state);
    return { type, at: when, data: { pbxUserId: user.pbxUserId, extension: String(rest.extension ?? user.extensions[0] ?? ''), state } };
  }
  if (type === 'userPresence') {
    const presence = rest.presence ?? 'busy';
    if (!PRESENCES.includes(presence)) throw badInput(`presence must be one of ${PRESENCES.join(', ')}.`);
    return { type, at: when, data: { pbxUserId: user.pbxUserId, presence } };
  }
  if (type === 'dnd') {
    const enabled = rest.enabled ?? true;
    if (typeof enabled !== 'boolean') throw badInput('enabled must be a boolean.');
    return { type, at: when, data: { pbxUserId: user.pbxUserId, enabled } };
  }
  const durationSeconds = rest.durationSeconds ?? 60;
  const direction = rest.direction ?? 'out';
  if (!Number.isInteger(durationSeconds) || durationSeconds < 0) throw badInput('durationSeconds must be a whole number.');
  if (!['in', 'out', 'internal'].includes(direction)) throw badInput('direction must be in, out or internal.');
  if (rest.startedAt !== undefined && Number.isNaN(Date.parse(rest.startedAt))) throw badInput('startedAt must be an ISO 8601 time stamp.');
  const ext = user?.extensions[0] ?? '0';
  const record = {
    id: String(rest.id ?? `cr-${randomUUID()}`),
    startedAt: new Date(rest.startedAt ?? Date.parse(when) - durationSeconds * 1000).toISOString(),
    durationSeconds,
    direction,
    from: String(rest.from ?? (direction === 'in' ? '+31201234567' : ext)),
    to: String(rest.to ?? (direction === 'in' ? ext : '+31201234567')),
    pbxUserId: user?.pbxUserId ?? null,
  };
  return { type, at: when, data: recordCall(ctx, record) };
}

/** Random lineState/userPresence/dnd traffic at `rate` per second; a busy -> other line makes a call record. */
export function createRandomEvents(ctx) {
  let carry = 0;
  const busySince = new Map();
  function one(roleUsers) {
    const user = pick(roleUsers);
    const kind = pick(['lineState', 'lineState', 'userPresence', 'dnd']);
    if (kind === 'userPresence') return ctx.queue.push(kind, { pbxUserId: user.pbxUserId, presence: pick(PRESENCES) });
    if (kind === 'dnd') return ctx.queue.push(kind, { pbxUserId: user.pbxUserId, enabled: Math.random() < 0.2 });
    const previous = ctx.lineStates.get(user.pbxUserId) ?? 'idle';
    const state = pick(LINE_STATES.filter((s) => s !== previous && s !== 'unavailable'));
    ctx.lineStates.set(user.pbxUserId, state);
    ctx.queue.push('lineState', { pbxUserId: user.pbxUserId, extension: user.extensions[0] ?? '', state });
    if (state === 'busy') busySince.set(user.pbxUserId, Date.now());
    else if (previous === 'busy' && state !== 'held' && busySince.has(user.pbxUserId)) {
      const started = busySince.get(user.pbxUserId);
      busySince.delete(user.pbxUserId);
      const record = recordCall(ctx, {
        id: `cr-${randomUUID()}`,
        startedAt: new Date(started).toISOString(),
        durationSeconds: Math.round((Date.now() - started) / 1000),
        direction: 'out',
        from: user.extensions[0] ?? '',
        to: `+3120${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
        pbxUserId: user.pbxUserId,
      });
      ctx.queue.push('callRecord', record);
    }
  }
  return {
    /** Called every dtMs while the gateway is claimed. */
    tick(dtMs) {
      carry += (ctx.eventRate * dtMs) / 1000;
      const n = Math.min(10_000, Math.floor(carry));
      carry -= Math.floor(carry);
      if (n <= 0) return;
      const roleUsers = ctx.state.users.filter((u) => u.cloudlinkRole);
      if (!roleUsers.length) return;
      for (let i = 0; i < n; i++) one(roleUsers);
    },
  };
}
