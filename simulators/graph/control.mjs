// The control API: the same operations as `control.*` methods (in-process) and as plain HTTP JSON.
import { controlError, HttpError, parseJson, readBody, sendJson } from './util.mjs';

const SETTINGS = {
  tokenLifetimeSeconds: (v) => Number.isInteger(v) && v > -86_400,
  validationTimeoutMs: (v) => Number.isFinite(v) && v > 0,
  notificationBatchMs: (v) => Number.isFinite(v) && v >= 0,
  deliveryRetries: (v) => Number.isInteger(v) && v >= 0 && v <= 20,
  deliveryBackoffMs: (v) => Number.isFinite(v) && v >= 0,
  deliveryTimeoutMs: (v) => Number.isFinite(v) && v > 0,
  reauthorizationLeadMs: (v) => v === null || (Number.isFinite(v) && v >= 0),
};

export function createControl(ctx) {
  const { dir } = ctx;
  const userOut = (u) => ({ id: u.id, userPrincipalName: u.userPrincipalName, mail: u.mail });

  const control = {
    reset() {
      ctx.reset();
      return { ok: true };
    },
    createTenant(spec = {}) {
      return { tenantId: dir.createTenant(spec).id };
    },
    createApp(tenant, spec = {}) {
      const { app, secrets } = dir.createApp(tenant, spec);
      return { appId: app.appId, secrets };
    },
    updateApp: (tenant, appId, patch = {}) => dir.updateApp(tenant, appId, patch),
    addSecret: (tenant, appId, spec = {}) => dir.addSecret(tenant, appId, spec),
    removeSecret: (tenant, appId, keyId) => dir.removeSecret(tenant, appId, keyId),
    createUsers(tenant, spec = {}) {
      return { users: dir.createUsers(tenant, spec).map(userOut) };
    },
    updateUser: (tenant, idOrUpn, patch = {}) => dir.updateUser(tenant, idOrUpn, patch),
    addContacts: (tenant, idOrUpn, spec = {}) => dir.addContacts(tenant, idOrUpn, spec),
    setClientState(tenant, idOrUpn, state) {
      return ctx.presence.setClient(dir.requireUser(tenant, idOrUpn), state);
    },
    setPreferredPresence(tenant, idOrUpn, availability) {
      return ctx.presence.setPreferred(dir.requireUser(tenant, idOrUpn), availability ?? null);
    },
    getPresence(tenant, idOrUpn) {
      return ctx.presence.snapshot(dir.requireUser(tenant, idOrUpn));
    },
    calls(filter = {}) {
      const tenant = filter.tenant ? (dir.tenant(filter.tenant)?.id ?? String(filter.tenant).toLowerCase()) : undefined;
      return ctx.calls.query({ ...filter, tenant });
    },
    clearCalls() {
      ctx.calls.clear();
      return { ok: true };
    },
    consents: () => [...dir.consentLog],
    subscriptions: () => ctx.subs.control.list(),
    sendLifecycleEvent(subscriptionId, event) {
      const out = ctx.subs.control.lifecycle(subscriptionId, event);
      if (!out) throw controlError(404, `unknown subscription ${subscriptionId}`);
      return out;
    },
    dropSubscription(subscriptionId) {
      const out = ctx.subs.control.drop(subscriptionId);
      if (!out) throw controlError(404, `unknown subscription ${subscriptionId}`);
      return out;
    },
    notifications: () => ctx.subs.control.notifications(),
    clearNotifications() {
      ctx.subs.control.clearNotifications();
      return { ok: true };
    },
    addFault: (spec = {}) => ctx.faults.add(spec),
    faults: () => ctx.faults.list(),
    removeFault: (id) => ctx.faults.remove(id),
    clearFaults() {
      ctx.faults.clear();
      return { ok: true };
    },
    setRateLimit: (tenant, perSecond) => ctx.faults.setRateLimit(tenant, perSecond ?? null),
    settings: () => ({ ...ctx.settings }),
    updateSettings(patch = {}) {
      for (const [k, v] of Object.entries(patch)) {
        if (!SETTINGS[k]) throw controlError(400, `unknown setting ${k}`);
        if (!SETTINGS[k](v)) throw controlError(400, `invalid value for ${k}`);
      }
      Object.assign(ctx.settings, patch);
      if ('reauthorizationLeadMs' in patch) ctx.subs.control.reschedule();
      return { ...ctx.settings };
    },
    /** Mint an access token directly (e.g. an expired one: lifetimeSeconds < 0). */
    issueToken({ tenant, appId, user, lifetimeSeconds } = {}) {
      const t = dir.requireTenant(tenant);
      const app = dir.requireApp(t.id, appId);
      const minted = user ? ctx.tokens.userToken(app, t, dir.requireUser(t.id, user), lifetimeSeconds) : ctx.tokens.appToken(app, t, lifetimeSeconds);
      return { access_token: minted.token, claims: minted.payload };
    },
  };

  // [method, pattern, (match, body, query) => result]
  const T = '([^/]+)';
  const routes = [
    ['GET', /^\/health$/, () => ({ ok: true })],
    ['POST', /^\/reset$/, () => control.reset()],
    ['POST', /^\/tenants$/, (_m, b) => control.createTenant(b)],
    ['POST', new RegExp(`^/tenants/${T}/apps$`), (m, b) => control.createApp(m[1], b)],
    ['PATCH', new RegExp(`^/tenants/${T}/apps/${T}$`), (m, b) => control.updateApp(m[1], m[2], b)],
    ['POST', new RegExp(`^/tenants/${T}/apps/${T}/secrets$`), (m, b) => control.addSecret(m[1], m[2], b)],
    ['DELETE', new RegExp(`^/tenants/${T}/apps/${T}/secrets/${T}$`), (m) => control.removeSecret(m[1], m[2], m[3])],
    ['POST', new RegExp(`^/tenants/${T}/users$`), (m, b) => control.createUsers(m[1], b)],
    ['PATCH', new RegExp(`^/tenants/${T}/users/${T}$`), (m, b) => control.updateUser(m[1], m[2], b)],
    ['POST', new RegExp(`^/tenants/${T}/users/${T}/contacts$`), (m, b) => control.addContacts(m[1], m[2], b)],
    ['PUT', new RegExp(`^/tenants/${T}/users/${T}/client$`), (m, b) => control.setClientState(m[1], m[2], b?.state)],
    ['PUT', new RegExp(`^/tenants/${T}/users/${T}/preferred$`), (m, b) => control.setPreferredPresence(m[1], m[2], b?.availability ?? null)],
    ['GET', new RegExp(`^/tenants/${T}/users/${T}/presence$`), (m) => control.getPresence(m[1], m[2])],
    ['PUT', new RegExp(`^/tenants/${T}/rate-limit$`), (m, b) => control.setRateLimit(m[1], b?.perSecond ?? null)],
    ['GET', /^\/calls$/, (_m, _b, q) => control.calls({ tenant: q.get('tenant') ?? undefined, op: q.get('op') ?? undefined, since: q.get('since') ?? undefined })],
    ['DELETE', /^\/calls$/, () => control.clearCalls()],
    ['GET', /^\/consents$/, () => control.consents()],
    ['GET', /^\/subscriptions$/, () => control.subscriptions()],
    ['POST', new RegExp(`^/subscriptions/${T}/lifecycle$`), (m, b) => control.sendLifecycleEvent(m[1], b?.event)],
    ['DELETE', new RegExp(`^/subscriptions/${T}$`), (m) => control.dropSubscription(m[1])],
    ['GET', /^\/notifications$/, () => control.notifications()],
    ['DELETE', /^\/notifications$/, () => control.clearNotifications()],
    ['POST', /^\/faults$/, (_m, b) => control.addFault(b)],
    ['GET', /^\/faults$/, () => control.faults()],
    ['DELETE', /^\/faults$/, () => control.clearFaults()],
    ['DELETE', new RegExp(`^/faults/${T}$`), (m) => control.removeFault(m[1])],
    ['GET', /^\/settings$/, () => control.settings()],
    ['PUT', /^\/settings$/, (_m, b) => control.updateSettings(b)],
    ['POST', /^\/tokens$/, (_m, b) => control.issueToken(b)],
  ];

  async function handle(req, res) {
    const url = new URL(req.url || '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    try {
      const text = await readBody(req);
      const body = parseJson(text);
      let pathMatched = false;
      for (const [m, re, fn] of routes) {
        const match = re.exec(path);
        if (!match) continue;
        pathMatched = true;
        if (m !== method) continue;
        const decoded = match.map((x) => (x === undefined ? x : decodeURIComponent(x)));
        const result = await fn(decoded, body, url.searchParams);
        return sendJson(res, 200, result);
      }
      return sendJson(res, pathMatched ? 405 : 404, { error: pathMatched ? 'method_not_allowed' : 'not_found', message: `no route for ${method} ${path}` });
    } catch (err) {
      if (err instanceof HttpError) return sendJson(res, err.status, err.body ?? { error: 'bad_request', message: err.message });
      if (err && typeof err.status === 'number') return sendJson(res, err.status, { error: 'bad_request', message: err.message });
      return sendJson(res, 500, { error: 'internal', message: String(err?.stack ?? err) });
    }
  }

  return { control, handle };
}
