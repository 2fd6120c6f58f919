import http from 'node:http';
import { once } from 'node:events';
import { X509Certificate } from 'node:crypto';
import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { Agent, fetch, type RequestInit } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphEmulator, type StartedGraphEmulator } from '../../simulators/graph/index.mjs';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';
const APP_PERMS = ['Presence.ReadWrite.All', 'Presence.Read.All', 'User.Read.All', 'Application.Read.All', 'Contacts.Read'];
const DELEGATED = ['User.Read', 'Presence.Read.All', 'User.Read.All', 'offline_access'];
const REDIRECT = 'http://127.0.0.1:3999/callback';

let sim: StartedGraphEmulator;
let agent: Agent;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const call = (url: string, init: RequestInit = {}) => fetch(url, { dispatcher: agent, redirect: 'manual', ...init });
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Json;

async function tokenCall(tenant: string, fields: Record<string, string>) {
  const res = await call(`${sim.url}/${tenant}/oauth2/v2.0/token`, form(fields));
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

async function appToken(tenant: string, appId: string, secret: string) {
  const t = await tokenCall(tenant, { grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: GRAPH_DEFAULT });
  expect(t.status).toBe(200);
  return t.body.access_token as string;
}

async function graph(token: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await call(`${sim.url}/v1.0${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json, headers: res.headers };
}

/** A tenant with a consented app and users. */
function setup({ users = 3, consented = true, multiTenant = false } = {}) {
  const { tenantId } = sim.control.createTenant({ domain: `t${Math.random().toString(36).slice(2, 10)}.example` });
  const app = sim.control.createApp(tenantId, { permissions: { application: APP_PERMS, delegated: DELEGATED }, consented, redirectUris: [REDIRECT], multiTenant });
  const created = sim.control.createUsers(tenantId, { count: users, prefix: 'user', password: 'pw-1' }).users;
  return { tenantId, appId: app.appId, secret: app.secrets[0]!.value, users: created };
}

/** A local notification receiver doing the validation handshake (or not). */
async function receiver(mode: 'echo' | 'wrong' | 'fail-once' = 'echo') {
  const got: Json[] = [];
  const waiters: (() => void)[] = [];
  let failed = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const token = url.searchParams.get('validationToken');
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      if (token !== null) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(mode === 'wrong' ? 'nope' : token);
      }
      if (mode === 'fail-once' && !failed) {
        failed = true;
        res.writeHead(500).end();
        return;
      }
      got.push({ path: url.pathname, body: JSON.parse(text) });
      waiters.splice(0).forEach((w) => w());
      res.writeHead(202).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const next = async (n: number, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (got.length < n) {
      if (Date.now() > deadline) throw new Error(`only ${got.length} notifications`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return got;
  };
  return { base, got, next, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function delegatedToken(tenantId: string, appId: string, secret: string, upn: string, password = 'pw-1') {
  const t = await tokenCall(tenantId, { grant_type: 'password', client_id: appId, client_secret: secret, username: upn, password, scope: 'https://graph.microsoft.com/.default offline_access' });
  expect(t.status).toBe(200);
  return t.body as { access_token: string; refresh_token: string };
}

async function waitFor(check: () => boolean, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Hidden fields and action of a page's form. */
function formOf(html: string) {
  const action = /<form method="post" action="([^"]+)">/.exec(html)![1]!.replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = m[2]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
  return { action, fields };
}

beforeAll(async () => {
  sim = await startGraphEmulator({ validationTimeoutMs: 1000 });
  agent = new Agent({ connect: { ca: sim.ca } });
});
afterAll(async () => {
  await sim?.close();
  await agent?.close();
});
beforeEach(() => {
  sim.control.reset();
});

describe('Graph emulator', () => {
  it('serves TLS with a certificate for 127.0.0.1 and localhost', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const cert = new X509Certificate(sim.ca);
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.subjectAltName).toContain('DNS:localhost');
    const res = await call(`${sim.url.replace('127.0.0.1', 'localhost')}/health`);
    expect(await res.json()).toEqual({ ok: true });
    await expect(globalThis.fetch(`${sim.url}/health`)).rejects.toThrow(); // not trusted without the CA
  });

  it('refuses tokens with Entra errors and AADSTS codes', async () => {
    const { tenantId, appId, secret } = setup();
    const cc = { grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: GRAPH_DEFAULT };
    const unknownTenant = await tokenCall('11111111-1111-4111-8111-111111111111', cc);
    expect(unknownTenant.status).toBe(400);
    expect(unknownTenant.body).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
    expect(unknownTenant.body.error_description).toMatch(/^AADSTS90002: /);
    const unknownClient = await tokenCall(tenantId, { ...cc, client_id: '22222222-2222-4222-8222-222222222222' });
    expect(unknownClient).toMatchObject({ status: 400, body: { error: 'unauthorized_client', error_codes: [700016] } });
    const wrongSecret = await tokenCall(tenantId, { ...cc, client_secret: 'nope' });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215] } });
    const expired = sim.control.addSecret(tenantId, appId, { endDateTime: new Date(Date.now() - 1000).toISOString() });
    const expiredSecret = await tokenCall(tenantId, { ...cc, client_secret: expired.value });
    expect(expiredSecret).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000222] } });
    expect(expiredSecret.body.error_description).toMatch(/^AADSTS7000222: /);

    const ok = await tokenCall(tenantId, cc);
    expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const c = claims(ok.body.access_token);
    expect(c).toMatchObject({ tid: tenantId, appid: appId, roles: APP_PERMS });
    expect(c.scp).toBeUndefined();
    expect(c.exp - c.iat).toBe(3599);
    const calls = sim.control.calls({ op: 'token' });
    expect(calls.map((x) => x.status)).toEqual([400, 400, 401, 401, 200]);
    expect(JSON.stringify(calls)).not.toContain(secret);
  });

  it('gates presence writes on admin consent and verifies Bearer tokens', async () => {
    const { tenantId, appId, secret, users } = setup({ consented: false });
    const before = await appToken(tenantId, appId, secret);
    expect(claims(before).roles).toBeUndefined();
    const body = { sessionId: appId, availability: 'Busy', activity: 'InACall' };
    const denied = await graph(before, 'POST', `/users/${users[0]!.id}/presence/setPresence`, body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('Forbidden');
    expect((await graph(before, 'GET', '/users')).body.error.code).toBe('Authorization_RequestDenied');

    sim.control.updateApp(tenantId, appId, { consented: true });
    const after = await appToken(tenantId, appId, secret);
    expect((await graph(after, 'POST', `/users/${users[0]!.id}/presence/setPresence`, body)).status).toBe(200);

    const missing = await graph(null, 'GET', '/users');
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('InvalidAuthenticationToken');
    expect((await graph('not.a.token', 'GET', '/users')).status).toBe(401);
    const { access_token: old } = sim.control.issueToken({ tenant: tenantId, appId, lifetimeSeconds: -5 });
    const expired = await graph(old, 'GET', '/users');
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
  });

  it('aggregates sessions, client state and preferred presence through the shared Teams rules', async () => {
    const { tenantId, appId, secret, users } = setup();
    const token = await appToken(tenantId, appId, secret);
    const u = users[0]!.id;
    const presence = async () => (await graph(token, 'GET', `/users/${u}/presence`)).body;
    expect(await presence()).toEqual({ id: u, availability: 'Offline', activity: 'Offline' });

    sim.control.setClientState(tenantId, u, 'Inactive');
    expect(await presence()).toEqual({ id: u, availability: 'Away', activity: 'Away' });
    const set = await graph(token, 'POST', `/users/${u}/presence/setPresence`, { sessionId: appId, availability: 'Busy', activity: 'InACall', expirationDuration: 'PT1H' });
    expect(set.status).toBe(200);
    expect(set.body).toBeUndefined();
    expect(await presence()).toEqual({ id: u, availability: 'Busy', activity: 'InACall' });
    expect((await graph(token, 'GET', `/communications/presences/${u}`)).body).toEqual({ id: u, availability: 'Busy', activity: 'InACall' });

    sim.control.setClientState(tenantId, u, 'Active');
    sim.control.setPreferredPresence(tenantId, u, 'Away');
    expect(await presence()).toEqual({ id: u, availability: 'Away', activity: 'Away' });
    sim.control.setPreferredPresence(tenantId, u, null);
    const snap = sim.control.getPresence(tenantId, users[0]!.userPrincipalName);
    expect(snap).toMatchObject({ availability: 'Busy', activity: 'InACall', client: 'Active', preferred: null, sessions: [{ sessionId: appId, availability: 'Busy', activity: 'InACall' }] });
    expect(Date.parse(snap.sessions[0]!.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);

    const clear = () => graph(token, 'POST', `/users/${u}/presence/clearPresence`, { sessionId: appId });
    expect((await clear()).status).toBe(200);
    expect(await presence()).toEqual({ id: u, availability: 'Available', activity: 'Available' });
    expect((await clear()).status).toBe(404);

    const setWith = (extra: Json) => graph(token, 'POST', `/users/${u}/presence/setPresence`, { sessionId: appId, availability: 'Available', activity: 'Available', ...extra });
    expect((await setWith({ availability: 'Busy', activity: 'Away' })).status).toBe(400);
    expect((await setWith({ sessionId: '33333333-3333-4333-8333-333333333333' })).status).toBe(400);
    expect((await setWith({ expirationDuration: 'PT4M' })).status).toBe(400);
    expect((await setWith({ expirationDuration: 'PT4H1M' })).status).toBe(400);
    expect((await setWith({ expirationDuration: 'soon' })).status).toBe(400);
    expect((await setWith({ expirationDuration: 'PT4H' })).status).toBe(200);
    expect((await setWith({})).status).toBe(200); // default PT5M
    const left = Date.parse(sim.control.getPresence(tenantId, u).sessions[0]!.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(4.9 * 60_000);
    expect(left).toBeLessThanOrEqual(5 * 60_000);
    expect((await graph(token, 'POST', `/users/00000000-0000-4000-8000-000000000000/presence/setPresence`, { sessionId: appId, availability: 'Available', activity: 'Available' })).status).toBe(404);

    const recorded = sim.control.calls({ tenant: tenantId, op: 'setPresence' });
    expect(recorded.length).toBe(9);
    expect(recorded[0]).toMatchObject({ op: 'setPresence', method: 'POST', userId: u, status: 200, body: { availability: 'Busy' } });
    expect(recorded[1]!.at).toBeGreaterThan(recorded[0]!.at);
  });

  it('lists users with $filter, $select, $top and absolute nextLinks; reads presences in bulk', async () => {
    const { tenantId, appId, secret, users } = setup({ users: 25 });
    const token = await appToken(tenantId, appId, secret);
    const first = await graph(token, 'GET', '/users?$top=10&$select=id,userPrincipalName');
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(10);
    expect(Object.keys(first.body.value[0])).toEqual(['id', 'userPrincipalName']);
    const next = first.body['@odata.nextLink'] as string;
    expect(next.startsWith(`${sim.url}/v1.0/users?`)).toBe(true);
    const second = await graph(token, 'GET', next.slice(`${sim.url}/v1.0`.length));
    const third = await graph(token, 'GET', (second.body['@odata.nextLink'] as string).slice(`${sim.url}/v1.0`.length));
    expect(third.body.value).toHaveLength(5);
    expect(third.body['@odata.nextLink']).toBeUndefined();
    expect([...first.body.value, ...second.body.value, ...third.body.value].map((x: Json) => x.id)).toEqual(users.map((x) => x.id));
    expect((await graph(token, 'GET', '/users?$top=1000')).status).toBe(400);

    const upn = users[3]!.userPrincipalName;
    expect((await graph(token, 'GET', `/users?$filter=userPrincipalName eq '${upn.toUpperCase()}'`)).body.value.map((x: Json) => x.id)).toEqual([users[3]!.id]);
    expect((await graph(token, 'GET', `/users?$filter=mail eq '${upn}'`)).body.value).toHaveLength(1);
    const inFilter = await graph(token, 'GET', `/users?$filter=id in ('${users[1]!.id}','${users[2]!.id}')`);
    expect(inFilter.body.value.map((x: Json) => x.id)).toEqual([users[1]!.id, users[2]!.id]);
    expect((await graph(token, 'GET', `/users/${encodeURIComponent(upn)}`)).body).toMatchObject({ id: users[3]!.id, userPrincipalName: upn, mail: upn });
    const nf = await graph(token, 'GET', '/users/nobody@nowhere.example');
    expect(nf.status).toBe(404);
    expect(nf.body.error.code).toBe('Request_ResourceNotFound');

    sim.control.setClientState(tenantId, users[0]!.id, 'InCall');
    const bulk = await graph(token, 'POST', '/communications/getPresencesByUserId', { ids: [users[0]!.id, users[1]!.id] });
    expect(bulk.body).toEqual({ value: [
      { id: users[0]!.id, availability: 'Busy', activity: 'InACall' },
      { id: users[1]!.id, availability: 'Offline', activity: 'Offline' },
    ] });
    const tooMany = await graph(token, 'POST', '/communications/getPresencesByUserId', { ids: Array.from({ length: 651 }, (_, i) => `id-${i}`) });
    expect(tooMany.status).toBe(400);

    const apps = await graph(token, 'GET', `/applications?$filter=appId eq '${appId}'`);
    expect(apps.body.value).toHaveLength(1);
    const reg = (await graph(token, 'GET', `/applications(appId='${appId}')`)).body;
    expect(reg).toMatchObject({ appId, passwordCredentials: [{ hint: secret.slice(0, 3) }] });
    expect(reg.requiredResourceAccess[0].resourceAccess).toContainEqual({ id: 'Presence.ReadWrite.All', type: 'Role' });

    sim.control.addContacts(tenantId, users[0]!.id, { contacts: Array.from({ length: 12 }, (_, i) => ({ displayName: `Contact ${i}`, emailAddresses: [`c${i}@x.example`] })) });
    const contacts = await graph(token, 'GET', `/users/${users[0]!.id}/contacts`);
    expect(contacts.body.value).toHaveLength(10);
    expect(contacts.body.value[0].emailAddresses).toEqual([{ name: 'Contact 0', address: 'c0@x.example' }]);
    expect(contacts.body['@odata.nextLink']).toMatch(/\$skiptoken=/);
  });

  it('works with the official @microsoft/microsoft-graph-client (custom host, absolute nextLink, errors)', async () => {
    const { tenantId, appId, secret, users } = setup({ users: 5 });
    const token = await appToken(tenantId, appId, secret);
    const transport: Middleware = {
      async execute(context: Context) {
        const o = context.options ?? {};
        const url = typeof context.request === 'string' ? context.request : context.request.url;
        const res = await call(url, { method: o.method, headers: o.headers as Record<string, string>, body: o.body as string | undefined });
        context.response = res as unknown as Response;
      },
    };
    const auth: Middleware & { next?: Middleware; setNext(n: Middleware): void } = {
      setNext(n) {
        this.next = n;
      },
      async execute(context) {
        context.options = { ...context.options, headers: { ...(context.options?.headers as Record<string, string>), Authorization: `Bearer ${token}` } };
        await this.next!.execute(context);
      },
    };
    const client = Client.initWithMiddleware({ baseUrl: `${sim.url}/`, customHosts: new Set(['127.0.0.1']), middleware: [auth, transport] });
    const page1 = await client.api('/users').top(2).select('id,displayName').get();
    expect(page1.value).toHaveLength(2);
    const page2 = await client.api(page1['@odata.nextLink']).get();
    expect(page2.value.map((u: Json) => u.id)).toEqual([users[2]!.id, users[3]!.id]);
    await client.api(`/users/${users[0]!.id}/presence/setPresence`).post({ sessionId: appId, availability: 'DoNotDisturb', activity: 'Presenting' });
    expect(await client.api(`/users/${users[0]!.id}/presence`).get()).toEqual({ id: users[0]!.id, availability: 'DoNotDisturb', activity: 'Presenting' });
    await expect(client.api('/users/nobody').get()).rejects.toMatchObject({ statusCode: 404, code: 'Request_ResourceNotFound' });
  });

  it('runs $batch requests, each authorised, throttled and recorded like a direct call', async () => {
    const { tenantId, appId, secret, users } = setup();
    const token = await appToken(tenantId, appId, secret);
    const json = { 'Content-Type': 'application/json' };
    sim.control.addFault({ kind: 'throttle', tenant: tenantId, op: 'setPresence', count: 1, retryAfterSeconds: 3 });
    const res = await graph(token, 'POST', '/$batch', {
      requests: [
        { id: '1', method: 'POST', url: `/users/${users[0]!.id}/presence/setPresence`, headers: json, body: { sessionId: appId, availability: 'Busy', activity: 'InACall' } },
        { id: '2', method: 'POST', url: `/users/${users[1]!.id}/presence/setPresence`, headers: json, body: { sessionId: appId, availability: 'DoNotDisturb', activity: 'Presenting' } },
        { id: '3', method: 'GET', url: `/users/${users[2]!.id}/presence` },
        { id: '4', method: 'GET', url: '/users/missing' },
      ],
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: Json) => [r.id, r]));
    expect(res.body.responses.map((r: Json) => r.id)).toEqual(['1', '2', '3', '4']);
    const statuses = [byId['1'].status, byId['2'].status].sort();
    expect(statuses).toEqual([200, 429]);
    const throttled = byId['1'].status === 429 ? byId['1'] : byId['2'];
    expect(throttled.headers['Retry-After']).toBe('3');
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect(byId['3']).toMatchObject({ status: 200, body: { id: users[2]!.id, availability: 'Offline' } });
    expect(byId['4'].status).toBe(404);
    const inner = sim.control.calls({ tenant: tenantId, op: 'setPresence' });
    expect(inner.map((c) => c.batch).sort()).toEqual(['1', '2']);
    expect(sim.control.calls({ op: 'batch' })).toHaveLength(1);

    const tooMany = await graph(token, 'POST', '/$batch', { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' })) });
    expect(tooMany.status).toBe(400);
    const noType = await graph(token, 'POST', '/$batch', { requests: [{ id: '1', method: 'POST', url: '/communications/getPresencesByUserId', body: { ids: [users[0]!.id] } }] });
    expect(noType.status).toBe(400);
    const viaBatch = await graph(null, 'POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: '/users' }] });
    expect(viaBatch.status).toBe(401);
  });

  it('creates presence subscriptions after the validation handshake and delivers change and lifecycle notifications', async () => {
    const { tenantId, appId, secret, users } = setup();
    const rx = await receiver();
    const bad = await receiver('wrong');
    try {
      const { access_token: token } = await delegatedToken(tenantId, appId, secret, users[0]!.userPrincipalName);
      expect(claims(token)).toMatchObject({ tid: tenantId, appid: appId, oid: users[0]!.id, upn: users[0]!.userPrincipalName, scp: DELEGATED.join(' ') });
      const ids = [users[1]!.id, users[2]!.id];
      const expiry = (ms: number) => new Date(Date.now() + ms).toISOString();
      const spec = (extra: Json = {}) => ({
        changeType: 'updated',
        notificationUrl: `${rx.base}/notify`,
        lifecycleNotificationUrl: `${rx.base}/lifecycle`,
        resource: `/communications/presences?$filter=id in (${ids.map((id) => `'${id}'`).join(',')})`,
        expirationDateTime: expiry(30 * 60_000),
        clientState: 'secret-state',
        ...extra,
      });

      const app = await appToken(tenantId, appId, secret);
      expect((await graph(app, 'POST', '/subscriptions', spec())).status).toBe(403);
      const refused = await graph(token, 'POST', '/subscriptions', spec({ notificationUrl: `${bad.base}/notify` }));
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('ValidationError');
      expect(refused.body.error.message).toMatch(/^Subscription validation request failed/);
      expect((await graph(token, 'POST', '/subscriptions', spec({ expirationDateTime: expiry(61 * 60_000) }))).status).toBe(400);
      const tooMany = Array.from({ length: 651 }, (_, i) => `'u${i}'`).join(',');
      expect((await graph(token, 'POST', '/subscriptions', spec({ resource: `/communications/presences?$filter=id in (${tooMany})` }))).status).toBe(400);

      const created = await graph(token, 'POST', '/subscriptions', spec());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ resource: spec().resource, changeType: 'updated', notificationUrl: `${rx.base}/notify`, lifecycleNotificationUrl: `${rx.base}/lifecycle`, creatorId: users[0]!.id });
      expect(created.body.clientState).toBeUndefined();
      const subId = created.body.id as string;
      const validations = sim.control.notifications().filter((n) => n.kind === 'validation' && n.ok);
      expect(validations.map((v) => v.which)).toEqual(['notificationUrl', 'lifecycleNotificationUrl']);
      expect(sim.control.subscriptions()).toMatchObject([{ id: subId, ids, tenantId, clientState: 'secret-state' }]);

      sim.control.setClientState(tenantId, users[1]!.id, 'Active');
      sim.control.setClientState(tenantId, users[2]!.id, 'Presenting');
      sim.control.setClientState(tenantId, users[0]!.id, 'Active'); // not watched
      const [note] = await rx.next(1);
      expect(note!.path).toBe('/notify');
      expect(note!.body.value).toHaveLength(2); // batched
      expect(note!.body.value[0]).toEqual({
        subscriptionId: subId,
        clientState: 'secret-state',
        changeType: 'updated',
        resource: `communications/presences('${users[1]!.id}')`,
        resourceData: { '@odata.type': '#Microsoft.Graph.presence', '@odata.id': `communications/presences('${users[1]!.id}')`, id: users[1]!.id, availability: 'Available', activity: 'Available' },
        subscriptionExpirationDateTime: created.body.expirationDateTime,
        tenantId,
      });
      expect(note!.body.value[1].resourceData).toMatchObject({ availability: 'DoNotDisturb', activity: 'Presenting' });
      sim.control.setClientState(tenantId, users[1]!.id, 'Active'); // no change, no notification

      const renewTooFar = await graph(token, 'PATCH', `/subscriptions/${subId}`, { expirationDateTime: expiry(70 * 60_000) });
      expect(renewTooFar.status).toBe(400);
      const renewed = await graph(token, 'PATCH', `/subscriptions/${subId}`, { expirationDateTime: expiry(59 * 60_000) });
      expect(renewed.status).toBe(200);
      expect(Date.parse(renewed.body.expirationDateTime)).toBeGreaterThan(Date.now() + 58 * 60_000);
      expect((await graph(token, 'GET', '/subscriptions')).body.value.map((s: Json) => s.id)).toEqual([subId]);

      sim.control.sendLifecycleEvent(subId, 'reauthorizationRequired');
      const [, life] = await rx.next(2);
      expect(life).toMatchObject({ path: '/lifecycle', body: { value: [{ subscriptionId: subId, tenantId, clientState: 'secret-state', lifecycleEvent: 'reauthorizationRequired' }] } });
      sim.control.sendLifecycleEvent(subId, 'subscriptionRemoved');
      await rx.next(3);
      expect(rx.got[2]!.body.value[0].lifecycleEvent).toBe('subscriptionRemoved');
      expect((await graph(token, 'GET', `/subscriptions/${subId}`)).status).toBe(404);
      expect(sim.control.subscriptions()).toEqual([]);

      const short = await graph(token, 'POST', '/subscriptions', spec({ expirationDateTime: expiry(600), lifecycleNotificationUrl: undefined }));
      expect(short.status).toBe(201);
      await new Promise((r) => setTimeout(r, 700));
      expect((await graph(token, 'GET', `/subscriptions/${short.body.id}`)).status).toBe(404);
      expect(sim.control.subscriptions()).toEqual([]);
    } finally {
      await rx.close();
      await bad.close();
    }
  });

  it('retries a failing notification delivery with backoff and notifies when a presence expires', async () => {
    const { tenantId, appId, secret, users } = setup();
    sim.control.updateSettings({ deliveryBackoffMs: 20 });
    const rx = await receiver('fail-once');
    try {
      const { access_token: token } = await delegatedToken(tenantId, appId, secret, users[0]!.userPrincipalName);
      const created = await graph(token, 'POST', '/subscriptions', {
        changeType: 'updated',
        notificationUrl: `${rx.base}/n`,
        resource: `/communications/presences?$filter=id in ('${users[1]!.id}')`,
        expirationDateTime: new Date(Date.now() + 600_000).toISOString(),
        clientState: 'cs',
      });
      expect(created.status).toBe(201);
      sim.control.setPreferredPresence(tenantId, users[1]!.id, 'BeRightBack');
      const [n] = await rx.next(1);
      expect(n!.body.value[0].resourceData).toMatchObject({ availability: 'BeRightBack', activity: 'BeRightBack' });
      const attempts = () => sim.control.notifications().filter((x) => x.kind === 'change');
      await waitFor(() => attempts().length === 2);
      expect(attempts().map((a) => [a.status, a.attempt])).toEqual([[500, 0], [202, 1]]);
      expect(sim.control.subscriptions()[0]!.deliveries).toBe(1);

      // A user-preferred presence with an expiry: its end is a change too.
      const app = await appToken(tenantId, appId, secret);
      sim.control.setPreferredPresence(tenantId, users[1]!.id, null);
      await rx.next(2);
      const set = await graph(app, 'POST', `/users/${users[1]!.id}/presence/setUserPreferredPresence`, { availability: 'DoNotDisturb', activity: 'DoNotDisturb', expirationDuration: 'PT0.3S' });
      expect(set.status).toBe(200);
      await rx.next(4);
      expect(rx.got.slice(2).map((x) => x.body.value[0].resourceData.availability)).toEqual(['DoNotDisturb', 'Offline']);
    } finally {
      await rx.close();
    }
  });

  it('throttles with Retry-After, applies the rate limit and error faults', async () => {
    const { tenantId, appId, secret, users } = setup();
    const token = await appToken(tenantId, appId, secret);
    const set = () => graph(token, 'POST', `/users/${users[0]!.id}/presence/setPresence`, { sessionId: appId, availability: 'Available', activity: 'Available' });
    sim.control.addFault({ kind: 'throttle', tenant: tenantId, op: 'setPresence', count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await set();
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.body.error.code).toBe('TooManyRequests');
    }
    expect((await set()).status).toBe(200);

    sim.control.addFault({ kind: 'error', op: 'presenceRead', count: 1 });
    expect((await graph(token, 'GET', `/users/${users[0]!.id}/presence`)).status).toBe(503);
    expect((await graph(token, 'GET', `/users/${users[0]!.id}/presence`)).status).toBe(200);

    sim.control.setRateLimit(tenantId, 3);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await set()).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    sim.control.setRateLimit(tenantId, null);

    sim.control.addFault({ kind: 'latency', latencyMs: 150, count: 1 });
    const t0 = Date.now();
    await graph(token, 'GET', '/users?$top=1');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    sim.control.addFault({ kind: 'throttle', op: 'token', count: 1, retryAfterSeconds: 2 });
    const t = await tokenCall(tenantId, { grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: GRAPH_DEFAULT });
    expect(t.status).toBe(429);
    expect(t.headers.get('retry-after')).toBe('2');
  });

  it('goes down (connections refused) and comes back on the same port, control API still up', async () => {
    const { tenantId, appId, secret } = setup();
    const token = await appToken(tenantId, appId, secret);
    const res = await fetch(`${sim.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'down', durationMs: 400 }) });
    expect(res.status).toBe(200);
    const err = await graph(token, 'GET', '/users').then(() => null, (e: Error & { cause?: { code?: string } }) => e);
    expect(err?.cause?.code).toBe('ECONNREFUSED');
    expect((await fetch(`${sim.controlUrl}/health`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 600));
    expect((await graph(token, 'GET', '/users')).status).toBe(200);

    sim.control.addFault({ kind: 'down' });
    await expect(graph(token, 'GET', '/users')).rejects.toThrow();
    sim.control.clearFaults();
    await new Promise((r) => setTimeout(r, 50));
    expect((await graph(token, 'GET', '/users')).status).toBe(200);
  });

  it('runs the admin consent pages for an admin (Accept, Cancel) and a non-admin', async () => {
    const home = setup({ consented: false, multiTenant: true });
    const { tenantId: customer } = sim.control.createTenant({ domain: 'customer.example' });
    sim.control.createUsers(customer, { users: [{ userPrincipalName: 'admin@customer.example', password: 'adm', isAdmin: true }, { userPrincipalName: 'joe@customer.example', password: 'joe' }] });
    const start = `${sim.url}/organizations/v2.0/adminconsent?${new URLSearchParams({ client_id: home.appId, redirect_uri: REDIRECT, state: 'st-1', scope: GRAPH_DEFAULT })}`;

    const consent = async (username: string, password: string) => {
      const page = await call(start);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<label for="username">Email or username</label>');
      expect(html).toContain('<label for="password">Password</label>');
      expect(html).toContain('<button type="submit" class="primary">Sign in</button>');
      expect(html).not.toMatch(/<(script|link|img)\b/);
      const f = formOf(html);
      return call(`${sim.url}${f.action}`, form({ ...f.fields, username, password }));
    };

    const wrong = await consent('admin@customer.example', 'bad');
    expect(await wrong.text()).toMatch(/role="alert">AADSTS50126/);

    const nonAdmin = await (await consent('joe@customer.example', 'joe')).text();
    expect(nonAdmin).toContain('<h1>Need admin approval</h1>');
    const back = /<a href="([^"]+)">Return to the application without consenting<\/a>/.exec(nonAdmin)![1]!.replace(/&amp;/g, '&');
    const backUrl = new URL(back);
    expect(`${backUrl.origin}${backUrl.pathname}`).toBe(REDIRECT);
    expect(backUrl.searchParams.get('error')).toBe('access_denied');
    expect(backUrl.searchParams.get('error_description')).toMatch(/^AADSTS90094/);
    expect(backUrl.searchParams.get('state')).toBe('st-1');

    const prompt = await (await consent('admin@customer.example', 'adm')).text();
    expect(prompt).toContain('Presence.ReadWrite.All');
    expect(prompt).toContain('>Accept</button>');
    expect(prompt).toContain('>Cancel</button>');
    const cancel = await call(`${sim.url}${formOf(prompt).action}`, form({ ...formOf(prompt).fields, action: 'cancel' }));
    expect(cancel.status).toBe(302);
    const cancelled = new URL(cancel.headers.get('location')!);
    expect([...cancelled.searchParams.keys()]).toEqual(['error', 'error_subcode', 'state', 'error_description']);
    expect(cancelled.searchParams.get('error_subcode')).toBe('cancel');

    // Before consent the app has no service principal in the customer tenant.
    const cc = { grant_type: 'client_credentials', client_id: home.appId, client_secret: home.secret, scope: GRAPH_DEFAULT };
    expect((await tokenCall(customer, cc)).body.error_codes).toEqual([700016]);

    const again = await (await consent('admin@customer.example', 'adm')).text();
    const accept = await call(`${sim.url}${formOf(again).action}`, form({ ...formOf(again).fields, action: 'accept' }));
    expect(accept.status).toBe(302);
    const done = new URL(accept.headers.get('location')!);
    expect(`${done.origin}${done.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(done.searchParams)).toEqual({ admin_consent: 'True', tenant: customer, state: 'st-1', scope: GRAPH_DEFAULT });
    expect(sim.control.consents()).toMatchObject([{ tenantId: customer, appId: home.appId, by: 'admin@customer.example' }]);
    const token = await tokenCall(customer, cc);
    expect(claims(token.body.access_token)).toMatchObject({ tid: customer, roles: APP_PERMS });

    const badRedirect = await call(`${sim.url}/organizations/v2.0/adminconsent?${new URLSearchParams({ client_id: home.appId, redirect_uri: 'https://evil.example/cb' })}`);
    expect(badRedirect.status).toBe(400);
    expect(await badRedirect.text()).toContain('AADSTS50011');
  });

  it('runs the authorization code flow and the password / refresh grants', async () => {
    const { tenantId, appId, secret, users } = setup();
    const upn = users[0]!.userPrincipalName;
    const authorize = `${sim.url}/${tenantId}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: appId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid offline_access Presence.Read.All', state: 'abc', login_hint: upn })}`;
    const page = await (await call(authorize)).text();
    expect(page).toContain(`value="${upn}"`);
    const f = formOf(page);
    const signed = await call(`${sim.url}${f.action}`, form({ ...f.fields, username: upn, password: 'pw-1' }));
    expect(signed.status).toBe(302);
    const back = new URL(signed.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('abc');
    const code = back.searchParams.get('code')!;
    const redeem = { grant_type: 'authorization_code', client_id: appId, client_secret: secret, code, redirect_uri: REDIRECT };
    const t = await tokenCall(tenantId, redeem);
    expect(t.status).toBe(200);
    expect(t.body.refresh_token).toBeTruthy();
    const me = await graph(t.body.access_token, 'GET', '/me');
    expect(me.body).toMatchObject({ id: users[0]!.id, userPrincipalName: upn });
    expect((await tokenCall(tenantId, redeem)).body.error_codes).toEqual([54005]);
    const mismatch = await call(authorize.replace(encodeURIComponent(REDIRECT), encodeURIComponent('http://127.0.0.1:1/other')));
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('AADSTS50011');

    const pw = { grant_type: 'password', client_id: appId, client_secret: secret, username: upn, scope: 'offline_access' };
    expect(await tokenCall(tenantId, { ...pw, password: 'wrong' })).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50126] } });
    const first = await tokenCall(tenantId, { ...pw, password: 'pw-1' });
    const refreshed = await tokenCall(tenantId, { grant_type: 'refresh_token', client_id: appId, client_secret: secret, refresh_token: first.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(claims(refreshed.body.access_token).oid).toBe(users[0]!.id);

    sim.control.updateUser(tenantId, upn, { password: 'pw-2' });
    for (const rt of [first.body.refresh_token, refreshed.body.refresh_token]) {
      const r = await tokenCall(tenantId, { grant_type: 'refresh_token', client_id: appId, client_secret: secret, refresh_token: rt });
      expect(r).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50173] } });
    }
    expect((await tokenCall(tenantId, { ...pw, password: 'pw-2' })).status).toBe(200);
  });

  it('exposes the control API over HTTP and handles 10,000 users quickly', async () => {
    const post = async (path: string, body: unknown, method = 'POST') => {
      const r = await fetch(`${sim.controlUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as Json };
    };
    const { body: t } = await post('/tenants', { domain: 'big.example' });
    const { body: a } = await post(`/tenants/${t.tenantId}/apps`, { permissions: { application: APP_PERMS, delegated: [] }, consented: true });
    const t0 = Date.now();
    const { body: u } = await post(`/tenants/big.example/users`, { count: 10_000, domain: 'big.example' });
    expect(u.users).toHaveLength(10_000);
    expect(u.users[9999].userPrincipalName).toBe('user10000@big.example');
    const token = await appToken(t.tenantId, a.appId, a.secrets[0].value);
    const writes = Array.from({ length: 200 }, (_, i) =>
      graph(token, 'POST', `/users/${u.users[i * 50].id}/presence/setPresence`, { sessionId: a.appId, availability: 'Busy', activity: 'InAConferenceCall' }),
    );
    expect((await Promise.all(writes)).every((r) => r.status === 200)).toBe(true);
    const read = await graph(token, 'POST', '/communications/getPresencesByUserId', { ids: u.users.slice(0, 650).map((x: Json) => x.id) });
    expect(read.body.value).toHaveLength(650);
    expect(read.body.value[50]).toMatchObject({ availability: 'Busy', activity: 'InAConferenceCall' });
    expect(Date.now() - t0).toBeLessThan(5000);

    expect((await post(`/tenants/big.example/users/user1@big.example/client`, { state: 'Active' }, 'PUT')).body).toEqual({ availability: 'Busy', activity: 'InAConferenceCall' });
    const presence = await (await fetch(`${sim.controlUrl}/tenants/big.example/users/user1@big.example/presence`)).json();
    expect(presence).toMatchObject({ client: 'Active', preferred: null, availability: 'Busy' });
    const calls = (await (await fetch(`${sim.controlUrl}/calls?op=setPresence&tenant=big.example`)).json()) as Json[];
    expect(calls).toHaveLength(200);
    expect((await post('/faults', { kind: 'nonsense' })).status).toBe(400);
    expect((await fetch(`${sim.controlUrl}/tenants/nope/users/x/presence`)).status).toBe(404);
    expect((await post('/reset', {})).body).toEqual({ ok: true });
    expect((await fetch(`${sim.controlUrl}/calls`).then((r) => r.json()))).toEqual([]);
  });
});
