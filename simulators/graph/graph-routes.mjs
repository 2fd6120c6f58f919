// Microsoft Graph /v1.0: authentication (our own Bearer tokens), permission checks, faults and the
// presence-write rate limit, routing, $batch (each inner request authorised, throttled and recorded
// like a direct call) and the call record.
import { createDirectoryRoutes, notFound } from './directory-routes.mjs';
import { graphError, HttpError, parseJson, readBody, sendResult, sleep, uuid } from './util.mjs';

const MAX_BATCH = 20;
const WWW_AUTH = 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

const DIRECTORY_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const PERMS = {
  users: { app: DIRECTORY_READ, delegated: ['User.ReadBasic.All', ...DIRECTORY_READ], code: 'Authorization_RequestDenied' },
  me: { app: [], delegated: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', ...DIRECTORY_READ] },
  contacts: { app: ['Contacts.Read', 'Contacts.ReadWrite'], delegated: ['Contacts.Read', 'Contacts.ReadWrite'] },
  presenceRead: { app: ['Presence.Read.All', 'Presence.ReadWrite.All'], delegated: ['Presence.Read.All'] },
  presenceWrite: { app: ['Presence.ReadWrite.All'], delegated: [] },
  preferredWrite: { app: ['Presence.ReadWrite.All'], delegated: ['Presence.ReadWrite'] },
  applications: { app: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'], delegated: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'], code: 'Authorization_RequestDenied' },
};

const bad = (message) => graphError(400, 'BadRequest', message);

function denied(auth, perm) {
  const have = auth.kind === 'app' ? auth.roles : auth.scopes;
  const needed = auth.kind === 'app' ? perm.app : perm.delegated;
  if (needed.some((p) => have.has(p))) return null;
  if (perm.code === 'Authorization_RequestDenied') return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  const kind = auth.kind === 'app' ? 'role' : 'scope';
  return graphError(403, 'Forbidden', `Missing ${kind} permissions on the request. API requires one of '${needed.join(', ') || '(none: not supported with this kind of token)'}'. ${kind === 'role' ? 'Roles' : 'Scopes'} on the request '${[...have].join(', ')}'.`);
}

/** A thrown `{status, body}` (from the OData helpers) or HttpError → a result; anything else rethrown. */
function asResult(err) {
  if (err instanceof HttpError) return { status: err.status, body: err.body ?? graphError(err.status, 'BadRequest', err.message).body };
  if (err && typeof err === 'object' && typeof err.status === 'number' && err.body) return err;
  throw err;
}

export function createGraph(ctx) {
  const dirRoutes = createDirectoryRoutes(ctx);
  const P = ctx.presence.ops;
  const S = ctx.subs.ops;

  /** The user a path names (id or UPN, or `me`), in the caller's tenant. */
  function target(auth, key) {
    if (key === undefined) return auth.kind === 'user' ? ctx.dir.usersById.get(auth.userId) : { error: bad('/me request is only valid with delegated authentication flow.') };
    return ctx.dir.user(auth.tenant, key) ?? { error: notFound(key) };
  }
  const withUser = (fn) => (auth, r, m) => {
    const user = target(auth, m[1]);
    if (!user || user.error) return user?.error ?? notFound('me');
    return fn(auth, user, r.body, r);
  };

  // [method, pattern, op, permission, handler(auth, r, match)]
  const routes = [
    ['GET', /^\/users$/, 'users', PERMS.users, (a, r) => dirRoutes.listUsers(a, r)],
    ['GET', /^\/me$/, 'me', PERMS.me, (a, r) => (a.kind === 'user' ? dirRoutes.getUser(a, r, a.userId) : bad('/me request is only valid with delegated authentication flow.'))],
    ['GET', /^\/(?:users\/([^/]+)|me)\/contacts$/, 'contacts', PERMS.contacts, withUser((a, u, _b, r) => dirRoutes.listContacts(a, r, u))],
    ['GET', /^\/(?:users\/([^/]+)|me)\/presence$/, 'getPresence', PERMS.presenceRead, withUser(P.getPresence)],
    ['GET', /^\/communications\/presences\/([^/]+)$/, 'getPresence', PERMS.presenceRead, withUser(P.getPresence)],
    ['POST', /^\/users\/([^/]+)\/presence\/setPresence$/, 'setPresence', PERMS.presenceWrite, withUser(P.setPresence)],
    ['POST', /^\/users\/([^/]+)\/presence\/clearPresence$/, 'clearPresence', PERMS.presenceWrite, withUser(P.clearPresence)],
    ['POST', /^\/(?:users\/([^/]+)|me)\/presence\/setUserPreferredPresence$/, 'setUserPreferredPresence', PERMS.preferredWrite, withUser(P.setUserPreferredPresence)],
    ['POST', /^\/(?:users\/([^/]+)|me)\/presence\/clearUserPreferredPresence$/, 'clearUserPreferredPresence', PERMS.preferredWrite, withUser(P.clearUserPreferredPresence)],
    ['POST', /^\/communications\/getPresencesByUserId$/, 'getPresencesByUserId', PERMS.presenceRead, (a, r) => P.getPresencesByUserId(a, r.body)],
    ['GET', /^\/users\/([^/]+)$/, 'user', PERMS.users, (a, r, m) => dirRoutes.getUser(a, r, m[1])],
    ['POST', /^\/\$batch$/, 'batch', null, (a, r) => batch(a, r)],
    ['POST', /^\/subscriptions$/, 'subscriptionCreate', null, (a, r) => S.create(a, r.body, r.base)],
    ['GET', /^\/subscriptions$/, 'subscriptionList', null, (a, r) => S.list(a, r.base)],
    ['GET', /^\/subscriptions\/([^/]+)$/, 'subscriptionGet', null, (a, r, m) => S.get(a, m[1], r.base)],
    ['PATCH', /^\/subscriptions\/([^/]+)$/, 'subscriptionUpdate', null, (a, r, m) => S.update(a, m[1], r.body, r.base)],
    ['DELETE', /^\/subscriptions\/([^/]+)$/, 'subscriptionDelete', null, (a, r, m) => S.delete(a, m[1])],
    ['GET', /^\/applications$/, 'applications', PERMS.applications, (a, r) => dirRoutes.listApplications(a, r)],
    ['GET', /^\/applications\(appId='([^']+)'\)$/, 'applications', PERMS.applications, (a, r, m) => dirRoutes.getApplication(a, r, { appId: m[1] })],
    ['GET', /^\/applications\/([^/]+)$/, 'applications', PERMS.applications, (a, r, m) => dirRoutes.getApplication(a, r, { id: m[1] })],
  ];

  function route(method, path) {
    let p = path.replace(/\/+$/, '') || '/';
    try {
      p = decodeURIComponent(p);
    } catch {
      /* keep it raw */
    }
    p = p.replace(/^\/(users|communications\/presences)\('([^']+)'\)/, '/$1/$2');
    let other = null;
    for (const [m, re, op, perm, handler] of routes) {
      const match = re.exec(p);
      if (match && m === method) return { op, perm, handler, match };
      if (match) other ??= { op, wrongMethod: true };
    }
    return other;
  }

  function authenticate(header) {
    const m = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
    const fail = (message) => ({ result: { ...graphError(401, 'InvalidAuthenticationToken', message), headers: { 'WWW-Authenticate': WWW_AUTH } } });
    if (!m) return fail('Access token is empty.');
    const v = ctx.tokens.verify(m[1]);
    if (v.error) return fail(v.error);
    const tenant = ctx.dir.tenant(v.claims.tid);
    const app = tenant && ctx.dir.app(tenant.id, v.claims.appid);
    if (!tenant || !app) return fail('Access token validation failure. The tenant or application of the token no longer exists.');
    return {
      auth: {
        kind: v.claims.idtyp === 'user' ? 'user' : 'app',
        tenant,
        appId: app.appId,
        userId: v.claims.idtyp === 'user' ? v.claims.oid : undefined,
        roles: new Set(v.claims.roles ?? []),
        scopes: new Set((v.claims.scp ?? '').split(' ').filter(Boolean)),
        claims: v.claims,
      },
    };
  }

  /** Run one Graph request (direct or inside $batch). r: { method, path, query, headers, body, base, auth?, at, batch? } */
  async function execute(r) {
    const found = route(r.method, r.path);
    const op = found?.op ?? 'unknown';
    let auth = r.auth;
    let result;
    if (!auth) {
      const a = authenticate(r.headers.authorization);
      if (a.result) result = a.result;
      auth = a.auth;
    }
    const tenantId = auth?.tenant.id ?? null;
    let injected = null;
    if (!result) {
      const delay = ctx.faults.latency(tenantId, op);
      if (delay) await sleep(delay);
      injected = ctx.faults.failure(tenantId, op);
      result = (injected && !injected.applied ? faultAnswer(injected) : null) ?? throttle(auth.tenant, op) ?? (r.bodyError ? r.bodyError : null);
    }
    if (!result) {
      if (!found) result = bad(`Resource not found for the segment '${r.path.split('/')[1] ?? ''}'.`);
      else if (found.wrongMethod) result = graphError(405, 'Request_BadRequest', `The method ${r.method} is not allowed for ${r.path}.`);
      else result = (found.perm && denied(auth, found.perm)) ?? null;
    }
    if (!result) {
      try {
        result = await found.handler(auth, r, found.match);
      } catch (err) {
        result = asResult(err);
      }
      if (injected?.applied) result = faultAnswer(injected);
    }
    const userKey = found?.match?.[1];
    const user = userKey && auth ? ctx.dir.user(auth.tenant, userKey) : undefined;
    ctx.calls.record({
      at: r.at,
      tenant: tenantId,
      appId: auth?.appId ?? null,
      op,
      method: r.method,
      path: `/v1.0${r.path}${r.query.size ? `?${r.query}` : ''}`,
      userId: user?.id ?? (op === 'me' || /^\/me\//.test(r.path) ? auth?.userId : undefined),
      body: r.body,
      status: result.status,
      ...(r.batch ? { batch: r.batch } : {}),
    });
    return result;
  }

  function faultAnswer(f) {
    const headers = f.retryAfterSeconds !== null ? { 'Retry-After': String(f.retryAfterSeconds) } : {};
    if (f.kind === 'throttle') return graphError(429, 'TooManyRequests', 'Too many requests.', headers);
    const codes = { 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' };
    return graphError(f.status, codes[f.status] ?? (f.status >= 500 ? 'InternalServerError' : 'BadRequest'), `Injected fault: ${f.status}.`, headers);
  }

  function throttle(tenant, op) {
    const wait = ctx.faults.rateLimited(tenant, op);
    return wait ? graphError(429, 'TooManyRequests', 'Too many requests: the presence write rate limit of the tenant was exceeded.', { 'Retry-After': String(wait) }) : null;
  }

  async function batch(auth, r) {
    const reqs = r.body?.requests;
    if (!Array.isArray(reqs) || reqs.length === 0) return bad('Invalid batch payload format.');
    if (reqs.length > MAX_BATCH) return bad(`Limit of ${MAX_BATCH} requests exceeded.`);
    const ids = new Set();
    for (const q of reqs) {
      if (!q || typeof q.id !== 'string' || !q.id || typeof q.method !== 'string' || typeof q.url !== 'string') return bad('Invalid batch payload format: every request needs id, method and url.');
      if (ids.has(q.id)) return bad(`Batch request id '${q.id}' is duplicated.`);
      ids.add(q.id);
      const hasType = Object.keys(q.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
      if (q.body !== undefined && q.body !== null && !hasType) return bad(`Write request id : ${q.id} does not contain Content-Type header or body.`);
    }
    const one = async (q) => {
      const url = new URL(q.url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?(v1\.0\/)?/, '/'), 'https://graph.invalid');
      const inner = { method: q.method.toUpperCase(), path: url.pathname, query: url.searchParams, headers: {}, body: q.body, base: r.base, auth, at: ctx.calls.now(), batch: q.id };
      if (/^\/\$batch/.test(url.pathname)) return { id: q.id, ...bad('Nested batch requests are not supported.') };
      return { id: q.id, ...(await execute(inner)) };
    };
    const results = new Map();
    if (reqs.some((q) => q.dependsOn?.length)) {
      for (const q of reqs) {
        const failed = (q.dependsOn ?? []).find((d) => !(results.get(d)?.status < 300));
        results.set(q.id, failed ? { id: q.id, ...graphError(424, 'FailedDependency', `The request depends on '${failed}', which failed.`) } : await one(q));
      }
    } else {
      for (const res of await Promise.all(reqs.map(one))) results.set(res.id, res);
    }
    const responses = reqs.map((q) => {
      const res = results.get(q.id);
      const headers = { ...(res.headers ?? {}) };
      if (res.body !== undefined) headers['Content-Type'] = 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
      return { id: q.id, status: res.status, headers, ...(res.body !== undefined ? { body: res.body } : {}) };
    });
    return { status: 200, body: { responses } };
  }

  /** The HTTPS handler for /v1.0/… */
  async function handle(req, res, url) {
    const at = ctx.calls.now();
    const text = await readBody(req);
    let body;
    let bodyError;
    try {
      body = parseJson(text, (m) => new HttpError(400, m));
    } catch (err) {
      bodyError = bad(err.message);
    }
    const r = {
      method: req.method ?? 'GET',
      path: url.pathname.slice('/v1.0'.length) || '/',
      query: url.searchParams,
      headers: req.headers,
      body,
      bodyError,
      base: `https://${req.headers.host ?? ctx.hostPort()}`,
      at,
    };
    const result = await execute(r);
    const requestId = uuid();
    sendResult(res, {
      ...result,
      headers: { 'request-id': requestId, 'client-request-id': req.headers['client-request-id'] ?? requestId, 'x-ms-ags-diagnostic': '{"ServerInfo":{"DataCenter":"Emulator"}}', ...(result.headers ?? {}) },
    });
  }

  return { handle, execute };
}
