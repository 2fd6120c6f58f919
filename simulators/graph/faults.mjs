// Injected faults (throttle, error, latency, down), the per-tenant presence-write rate limit, and the
// bounded record of every call the emulator answered.
import { controlError, preciseNow, Ring, uuid } from './util.mjs';

const KINDS = new Set(['throttle', 'error', 'latency', 'down']);

/** Operation families a fault's (or the calls filter's) `op` may name instead of a single operation. */
const FAMILY = {
  setPresence: 'presenceWrite',
  clearPresence: 'presenceWrite',
  setUserPreferredPresence: 'presenceWrite',
  clearUserPreferredPresence: 'presenceWrite',
  getPresence: 'presenceRead',
  getPresencesByUserId: 'presenceRead',
  subscriptionCreate: 'subscriptions',
  subscriptionList: 'subscriptions',
  subscriptionGet: 'subscriptions',
  subscriptionUpdate: 'subscriptions',
  subscriptionDelete: 'subscriptions',
  users: 'users',
  user: 'users',
  authorize: 'login',
  adminconsent: 'login',
  token: 'login',
};

export const opMatches = (pattern, op) => !pattern || pattern === op || FAMILY[op] === pattern;

export function createFaults(ctx) {
  let faults = [];

  const active = (f, now) => (f.until === null || f.until > now) && (f.remaining === null || f.remaining > 0);

  function prune(now = Date.now()) {
    if (faults.some((f) => !active(f, now))) faults = faults.filter((f) => active(f, now));
  }

  function add(spec = {}) {
    if (!KINDS.has(spec.kind)) throw controlError(400, `kind must be one of ${[...KINDS].join(', ')}`);
    for (const k of ['count', 'durationMs', 'retryAfterSeconds', 'status', 'latencyMs']) {
      if (spec[k] !== undefined && spec[k] !== null && !(Number.isFinite(spec[k]) && spec[k] >= 0)) throw controlError(400, `${k} must be a non-negative number`);
    }
    const status = spec.status ?? 503;
    if (spec.kind === 'error' && (status < 400 || status > 599)) throw controlError(400, 'status must be 4xx or 5xx');
    const tenant = spec.tenant ? (ctx.dir.tenant(spec.tenant)?.id ?? String(spec.tenant).toLowerCase()) : null;
    const fault = {
      id: uuid(),
      kind: spec.kind,
      tenant,
      op: spec.op ?? null,
      remaining: spec.kind === 'down' ? null : (spec.count ?? null),
      until: spec.durationMs ? Date.now() + spec.durationMs : null,
      retryAfterSeconds: spec.retryAfterSeconds ?? (spec.kind === 'throttle' ? 1 : null),
      status: spec.kind === 'throttle' ? 429 : status,
      latencyMs: spec.latencyMs ?? 0,
      // error: the request is carried out and only its answer is the error (a gateway timing out after the work was done).
      applied: spec.kind === 'error' && spec.applied === true,
    };
    faults.push(fault);
    if (fault.kind === 'down') ctx.listener.down(spec.durationMs ?? null, fault.id);
    return { id: fault.id };
  }

  function list() {
    prune();
    return faults.map((f) => ({ ...f, until: f.until === null ? null : new Date(f.until).toISOString() }));
  }

  function clear() {
    faults = [];
    ctx.listener.up();
  }

  function remove(id) {
    const f = faults.find((x) => x.id === id);
    if (!f) throw controlError(404, `unknown fault ${id}`);
    faults = faults.filter((x) => x !== f);
    if (f.kind === 'down' && !faults.some((x) => x.kind === 'down')) ctx.listener.up();
    return { id };
  }

  /** The down fault ended by itself. */
  function downEnded(id) {
    faults = faults.filter((x) => x.id !== id);
  }

  const matches = (f, tenantId, op, now) => active(f, now) && (f.tenant === null || f.tenant === tenantId) && opMatches(f.op, op);

  /** Total latency (ms) to add to this answer; consumes counted latency faults. */
  function latency(tenantId, op) {
    const now = Date.now();
    let ms = 0;
    for (const f of faults) {
      if (f.kind !== 'latency' || !matches(f, tenantId, op, now)) continue;
      ms += f.latencyMs;
      if (f.remaining !== null) f.remaining -= 1;
    }
    return ms;
  }

  /** The throttle/error fault hitting this request, consumed, or null. → { kind, status, retryAfterSeconds } */
  function failure(tenantId, op) {
    const now = Date.now();
    const f = faults.find((x) => (x.kind === 'throttle' || x.kind === 'error') && matches(x, tenantId, op, now));
    if (!f) return null;
    if (f.remaining !== null) f.remaining -= 1;
    prune(now);
    return { kind: f.kind, status: f.status, retryAfterSeconds: f.retryAfterSeconds, applied: f.applied };
  }

  /** Per-tenant built-in rate limit of presence writes (fixed 1 s windows). → seconds to wait, or 0. */
  function rateLimited(tenant, op) {
    const limit = tenant?.rateLimit;
    if (!limit || FAMILY[op] !== 'presenceWrite') return 0;
    const now = Date.now();
    if (now - limit.windowStart >= 1000) {
      limit.windowStart = now - ((now - limit.windowStart) % 1000);
      limit.count = 0;
    }
    limit.count += 1;
    return limit.count > limit.perSecond ? Math.max(1, Math.ceil((limit.windowStart + 1000 - now) / 1000)) : 0;
  }

  function setRateLimit(tenantKey, perSecond) {
    const tenant = ctx.dir.requireTenant(tenantKey);
    if (perSecond === null || perSecond === undefined) tenant.rateLimit = null;
    else if (!(Number.isFinite(perSecond) && perSecond > 0)) throw controlError(400, 'perSecond must be a positive number or null');
    else tenant.rateLimit = { perSecond, windowStart: Date.now(), count: 0 };
    return { tenantId: tenant.id, perSecond: tenant.rateLimit?.perSecond ?? null };
  }

  return { add, list, clear, remove, downEnded, latency, failure, rateLimited, setRateLimit };
}

/** The record of answered calls: a ring buffer (default 200,000 entries). */
export function createCalls(capacity = 200_000) {
  const ring = new Ring(capacity);
  return {
    now: preciseNow,
    record(entry) {
      ring.push(entry);
    },
    query({ tenant, op, since } = {}) {
      const sinceMs = since === undefined || since === null || since === '' ? null : Number(since);
      const out = [];
      for (const c of ring) {
        if (tenant && c.tenant !== tenant) continue;
        if (op && !opMatches(op, c.op)) continue;
        if (sinceMs !== null && !(c.at >= sinceMs)) continue;
        out.push(c);
      }
      return out;
    },
    clear() {
      ring.clear();
    },
  };
}
