import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGatewaySimulator, type GatewaySimulator, type GatewaySimulatorOptions } from '../../simulators/gateway/index.mjs';

type Json = Record<string, unknown>;
interface Command {
  id: string;
  type: string;
  payload: Json;
  issuedAt: string;
  expiresAt: string;
}
interface Outcome {
  status: 'ok' | 'error';
  result?: Json;
  error?: { code: string; message: string };
}
interface FakeGateway {
  gatewayId: string;
  hardwareId: string;
  pollToken: string;
  linkCode: string;
  credential: string | null;
  collected: boolean;
  commands: Command[];
  acked: Set<string>;
  seen: Set<string>;
  polls: Set<() => void>;
}

const API = '/api/gateway/v1';
const norm = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** Just enough of the portal side of docs/gateway-protocol.md to drive the simulator. */
class FakePortal {
  server = http.createServer((req, res) => void this.handle(req, res));
  url = '';
  gateways = new Map<string, FakeGateway>(); // by hardwareId
  announces: Array<{ auth: string | undefined; body: Json; status: number }> = [];
  polls: Array<{ auth: string | undefined; wait: string | null }> = [];
  results: Array<{ id: string; body: Outcome }> = [];
  eventPosts: Array<{ status: number; ids: string[]; events: Array<{ id: string; type: string; at: string; data: Json }> }> = [];
  failEvents = 0;
  openPolls = 0;
  private resultWaiters: Array<() => void> = [];

  async start() {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop() {
    for (const gw of this.gateways.values()) for (const end of gw.polls) end();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  gateway(hardwareId: string) {
    const gw = this.gateways.get(hardwareId);
    if (!gw) throw new Error(`no gateway ${hardwareId}`);
    return gw;
  }

  /** The wizard: claim by link code. */
  claim(linkCode: string) {
    const gw = [...this.gateways.values()].find((g) => norm(g.linkCode) === norm(linkCode) && !g.credential);
    if (!gw) throw new Error('This link code is not valid.');
    gw.credential = `${gw.gatewayId}.${randomBytes(32).toString('base64url')}`;
    return gw;
  }

  /** The gateway was reset portal-side: its record (and credential) is gone. */
  reset(gw: FakeGateway) {
    this.gateways.delete(gw.hardwareId);
    for (const end of gw.polls) end();
  }

  send(gw: FakeGateway, type: string, payload: Json = {}) {
    const now = Date.now();
    const command = { id: randomUUID(), type, payload, issuedAt: new Date(now).toISOString(), expiresAt: new Date(now + 600_000).toISOString() };
    gw.commands.push(command);
    for (const end of gw.polls) end();
    return command.id;
  }

  /** A lost acknowledgement: deliver the command again. */
  redeliver(gw: FakeGateway, id: string) {
    gw.acked.delete(id);
    for (const end of gw.polls) end();
  }

  resultsOf(id: string) {
    return this.results.filter((r) => r.id === id).map((r) => r.body);
  }

  async result(id: string, count = 1, timeoutMs = 5000): Promise<Outcome> {
    const deadline = Date.now() + timeoutMs;
    while (this.resultsOf(id).length < count) {
      if (Date.now() > deadline) throw new Error(`no result #${count} for ${id}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.resultWaiters.push(() => (clearTimeout(t), resolve()));
      });
    }
    return this.resultsOf(id)[count - 1]!;
  }

  /** Send a command and wait for its (first) result. */
  async run(gw: FakeGateway, type: string, payload: Json = {}) {
    const id = this.send(gw, type, payload);
    return { id, ...(await this.result(id)) };
  }

  eventIds() {
    return this.eventPosts.filter((p) => p.status === 200).flatMap((p) => p.ids);
  }

  private byBearer(req: http.IncomingMessage, field: 'pollToken' | 'credential') {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return token ? [...this.gateways.values()].find((g) => g[field] === token) : undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Json;
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, payload: unknown) => {
      if (res.writableEnded) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const error = (status: number, code: string) => send(status, { error: { code, message: code } });
    const route = `${req.method} ${url.pathname}`;

    if (route === `POST ${API}/announce`) {
      const hardwareId = String(body.hardwareId);
      const existing = this.gateways.get(hardwareId);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      let status = 201;
      if (existing && existing.pollToken !== token) status = 409;
      else if ([...this.gateways.values()].some((g) => g !== existing && !g.credential && norm(g.linkCode) === norm(String(body.linkCode)))) status = 410;
      else if (existing) status = 200;
      this.announces.push({ auth: req.headers.authorization, body, status: status === 410 ? 409 : status });
      if (status === 409) return error(409, 'hardware_id_taken');
      if (status === 410) return error(409, 'link_code_taken');
      const gw: FakeGateway = existing ?? {
        gatewayId: randomUUID(), hardwareId, pollToken: '', linkCode: '', credential: null, collected: false,
        commands: [], acked: new Set(), seen: new Set(), polls: new Set(),
      };
      gw.pollToken = randomBytes(16).toString('hex');
      gw.linkCode = String(body.linkCode);
      this.gateways.set(hardwareId, gw);
      return send(status, { gatewayId: gw.gatewayId, pollToken: gw.pollToken, pollAfterSeconds: 1 });
    }
    if (route === `POST ${API}/claim-status`) {
      const gw = this.byBearer(req, 'pollToken');
      if (!gw) return error(401, 'unauthorized');
      if (!gw.credential) return send(200, { status: 'waiting', pollAfterSeconds: 1 });
      if (gw.collected) return send(200, { status: 'collected' });
      gw.collected = true;
      return send(200, { status: 'claimed', credential: gw.credential, accountName: 'Contoso Test' });
    }
    const gw = this.byBearer(req, 'credential');
    if (!gw) return error(401, 'unauthorized');
    if (route === `GET ${API}/commands`) {
      this.polls.push({ auth: req.headers.authorization, wait: url.searchParams.get('wait') });
      const open = () => gw.commands.filter((c) => !gw.acked.has(c.id));
      if (open().length) return send(200, { commands: open(), serverTime: new Date().toISOString() });
      this.openPolls++;
      const end = () => {
        clearTimeout(timer);
        if (gw.polls.delete(end)) this.openPolls--;
        if (!this.gateways.has(gw.hardwareId)) return error(401, 'unauthorized');
        send(200, { commands: open(), serverTime: new Date().toISOString() });
      };
      const timer = setTimeout(end, Number(url.searchParams.get('wait') ?? 25) * 1000);
      gw.polls.add(end);
      res.on('close', () => {
        clearTimeout(timer);
        if (gw.polls.delete(end)) this.openPolls--;
      });
      return;
    }
    const resultMatch = /^POST \/api\/gateway\/v1\/commands\/([^/]+)\/result$/.exec(route);
    if (resultMatch) {
      const id = decodeURIComponent(resultMatch[1]!);
      if (!gw.commands.some((c) => c.id === id)) return error(404, 'unknown_command');
      const duplicate = gw.acked.has(id);
      gw.acked.add(id);
      this.results.push({ id, body: body as unknown as Outcome });
      // A confirmed factory reset removes the gateway, so it can announce afresh.
      if (gw.commands.find((c) => c.id === id)?.type === 'factoryReset' && body.status === 'ok') this.gateways.delete(gw.hardwareId);
      for (const wake of this.resultWaiters.splice(0)) wake();
      return send(200, duplicate ? { accepted: false, duplicate: true } : { accepted: true });
    }
    if (route === `POST ${API}/events`) {
      const events = body.events as FakePortal['eventPosts'][number]['events'];
      const ids = events.map((e) => e.id);
      if (this.failEvents > 0) {
        this.failEvents--;
        this.eventPosts.push({ status: 503, ids, events });
        return error(503, 'unavailable');
      }
      this.eventPosts.push({ status: 200, ids, events });
      const fresh = ids.filter((id) => !gw.seen.has(id));
      fresh.forEach((id) => gw.seen.add(id));
      return send(200, { accepted: fresh.length, duplicates: ids.length - fresh.length });
    }
    return error(404, 'not_found');
  }
}

async function until<T>(fn: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('gateway simulator', () => {
  const portal = new FakePortal();
  const running: GatewaySimulator[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gateway-sim-'));
  let seed = 100;

  beforeAll(() => portal.start());
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    await portal.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  async function start(options: Partial<GatewaySimulatorOptions> = {}) {
    const sim = await startGatewaySimulator({
      portal: portal.url, users: 5, seed: seed++, stateFile: null, controlPort: null, claimPollMs: 30,
      pollWait: 2, flushMs: 20, restartDelayMs: 100, ...options,
    });
    running.push(sim);
    return sim;
  }

  async function startClaimed(options: Partial<GatewaySimulatorOptions> = {}) {
    const sim = await start(options);
    await until(() => portal.gateways.get(sim.hardwareId), 5000, 'announce');
    const gw = portal.claim(sim.linkCode());
    await sim.waitFor((s) => s.claimed && s.online, 5000);
    return { sim, gw };
  }

  it('announces with its hardware id and link code, and long-polls with the credential once claimed', async () => {
    const sim = await start({ platform: 'smbc', model: 'virtual' });
    const announce = await until(() => portal.announces.find((a) => a.body.hardwareId === sim.hardwareId));
    expect(sim.hardwareId).toMatch(/^SIM-mivb-[0-9a-f]{12}$/);
    expect(announce.body).toEqual({ hardwareId: sim.hardwareId, linkCode: sim.linkCode(), model: 'virtual', platform: 'smbc', softwareVersion: '1.4.2' });
    expect(announce.body.linkCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(announce.auth).toBeUndefined();
    expect(sim.state()).toMatchObject({ claimed: false, online: false });

    const gw = portal.claim(sim.linkCode());
    const state = await sim.waitFor((s) => s.claimed && s.online, 5000);
    expect(state.gatewayId).toBe(gw.gatewayId);
    expect(state.accountName).toBe('Contoso Test');
    await until(() => portal.polls.some((p) => p.auth === `Bearer ${gw.credential}` && p.wait === '2'), 5000, 'a poll with the credential');
  });

  it('configurePbx checks type and credentials; testConnection needs a configured PBX', async () => {
    const { sim, gw } = await startClaimed({ pbx: 'mxone', pbxPassword: 's3cret-pbx' });
    expect(await portal.run(gw, 'testConnection')).toMatchObject({ status: 'error', error: { code: 'pbx_not_configured' } });
    const wrong = await portal.run(gw, 'configurePbx', { pbx: { type: 'mxone', address: '10.0.0.5', username: 'admin', password: 'nope' } });
    expect(wrong).toMatchObject({ status: 'error', error: { code: 'pbx_auth_failed', message: 'The PBX refused the user name or password.' } });
    const mismatch = await portal.run(gw, 'configurePbx', { pbx: { type: 'mivb', address: '10.0.0.5', username: 'admin', password: 's3cret-pbx' } });
    expect(mismatch).toMatchObject({ status: 'error', error: { code: 'pbx_type_mismatch' } });
    const right = await portal.run(gw, 'configurePbx', { pbx: { type: 'mxone', address: '10.0.0.5', username: 'admin', password: 's3cret-pbx' } });
    expect(right).toMatchObject({ status: 'ok', result: { pbxVersion: expect.any(String) } });
    expect(await portal.run(gw, 'testConnection')).toEqual(
      expect.objectContaining({ status: 'ok', result: { pbxType: 'mxone', pbxVersion: right.result?.pbxVersion, users: 5, devices: 5 } }),
    );
    expect(await portal.run(gw, 'frobnicate')).toMatchObject({ status: 'error', error: { code: 'unsupported_command' } });
    const state = sim.state();
    expect(state.pbx).toEqual({ type: 'mxone', address: '10.0.0.5', configured: true });
    expect(JSON.stringify(state)).not.toContain('s3cret-pbx');
    expect(state.recentCommands.map((c) => c.type)).toEqual(['testConnection', 'configurePbx', 'configurePbx', 'configurePbx', 'testConnection', 'frobnicate']);
  });

  it('beginUserSync + fetchUsers pages return every user, every 40th without e-mail; a re-delivered command is not run again', async () => {
    const { sim, gw } = await startClaimed({ users: 95 });
    await portal.run(gw, 'configurePbx', { pbx: { type: 'mivb', address: 'pbx.local', username: 'admin', password: 'mitel' } });
    const begin = await portal.run(gw, 'beginUserSync');
    expect(begin).toMatchObject({ status: 'ok', result: { total: 95, pbxType: 'mivb', snapshotId: expect.any(String) } });
    const snapshotId = begin.result!.snapshotId;
    const users: Array<{ pbxUserId: string; email: string | null; extensions: string[]; devices: number; cloudlinkRole: boolean }> = [];
    for (let offset = 0; offset < 95; offset += 40) {
      const page = await portal.run(gw, 'fetchUsers', { snapshotId, offset, limit: 40 });
      expect(page.result?.total).toBe(95);
      users.push(...(page.result!.users as typeof users));
    }
    expect(users).toHaveLength(95);
    expect(new Set(users.map((u) => u.pbxUserId)).size).toBe(95);
    expect(users.filter((u) => u.email === null).map((u) => u.pbxUserId)).toEqual(['u-40', 'u-80']);
    const emails = users.flatMap((u) => (u.email ? [u.email] : []));
    expect(new Set(emails).size).toBe(93);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9]+\.[a-z0-9]+\.\d+@example\.test$/);
    expect(users[0]).toMatchObject({ pbxUserId: 'u-1', extensions: ['1000'], devices: 1, cloudlinkRole: true });
    expect(users[9]?.extensions).toHaveLength(2);
    expect(users[9]?.devices).toBe(2);
    expect(new Set(users.flatMap((u) => u.extensions)).size).toBe(95 + 9);
    expect(await portal.run(gw, 'fetchUsers', { snapshotId: 'nope', offset: 0, limit: 10 })).toMatchObject({ error: { code: 'snapshot_unknown' } });

    const executed = sim.state().stats.commandsExecuted;
    portal.redeliver(gw, begin.id);
    const again = await portal.result(begin.id, 2);
    expect(again).toEqual({ status: begin.status, result: begin.result });
    expect(sim.state().stats).toMatchObject({ commandsExecuted: executed, commandsReplayed: 1 });
  });

  it('restartMidSync: the page after the first answers snapshot_unknown', async () => {
    const { sim, gw } = await startClaimed({ users: 30, faults: { restartMidSync: true } });
    await portal.run(gw, 'configurePbx', { pbx: { type: 'mivb', address: 'pbx.local', username: 'admin', password: 'mitel' } });
    const { snapshotId } = (await portal.run(gw, 'beginUserSync')).result as { snapshotId: string };
    const first = await portal.run(gw, 'fetchUsers', { snapshotId, offset: 0, limit: 10 });
    expect((first.result?.users as unknown[]).length).toBe(10);
    const second = await portal.run(gw, 'fetchUsers', { snapshotId, offset: 10, limit: 10 });
    expect(second).toMatchObject({ status: 'error', error: { code: 'snapshot_unknown' } });
    expect(sim.state().faults.restartMidSync).toBe(false);
    expect(sim.state().pbx.configured).toBe(true);
  });

  it('events from emit arrive with unique ids; duplicateEvents posts them twice; a 503 retries the same batch', async () => {
    const { sim } = await startClaimed();
    const ids = ['lineState', 'userPresence', 'dnd', 'callRecord', 'lineState'].map((type) => sim.emit({ type } as never));
    await sim.flush();
    expect(new Set(ids).size).toBe(5);
    expect(portal.eventIds().filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());

    sim.setFaults({ duplicateEvents: true });
    const dup = [sim.emit({ type: 'dnd', enabled: false }), sim.emit({ type: 'lineState', state: 'ringing' })];
    const stats = await sim.flush();
    expect(portal.eventIds().filter((id) => dup.includes(id)).sort()).toEqual([...dup, ...dup].sort());
    expect(stats).toMatchObject({ duplicates: 2, eventsAccepted: 7, pending: 0 });

    sim.setFaults({ duplicateEvents: false });
    portal.failEvents = 1;
    const retried = [1, 2, 3].map(() => sim.emit({ type: 'userPresence', presence: 'away' }));
    await sim.flush();
    const posts = portal.eventPosts.filter((p) => p.ids.some((id) => retried.includes(id)));
    expect(posts.map((p) => p.status)).toEqual([503, 200]);
    expect(posts[1]?.ids).toEqual(posts[0]?.ids);
    expect([...posts[0]!.ids].sort()).toEqual([...retried].sort());
    expect(sim.state().stats.eventBatchRetries).toBe(1);
  });

  it('offline parks polls and posts (events keep queueing); outOfOrder adds an older lineState after the newer one', async () => {
    const { sim } = await startClaimed();
    sim.setFaults({ offline: true });
    await sim.waitFor((s) => !s.online);
    await new Promise((resolve) => setTimeout(resolve, 100)); // a poll already on the wire may still land
    const polls = portal.polls.length;
    const id = sim.emit({ type: 'lineState', state: 'busy' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sim.state().stats.pending).toBe(1);
    expect(portal.polls.length).toBe(polls);
    expect(portal.eventIds()).not.toContain(id);
    sim.setFaults({ offline: false, outOfOrder: true });
    await sim.waitFor((s) => s.online && s.stats.pending === 0);
    const post = portal.eventPosts.find((p) => p.ids.includes(id))!;
    expect(post.events).toHaveLength(2);
    const [newer, older] = post.events;
    expect(newer).toMatchObject({ id, type: 'lineState', data: { state: 'busy' } });
    expect(older).toMatchObject({ type: 'lineState', data: { pbxUserId: newer!.data.pbxUserId } });
    expect(older!.data.state).not.toBe('busy');
    expect(Date.parse(newer!.at) - Date.parse(older!.at)).toBe(5000);
  });

  it('restart, performUpdate and factoryReset', async () => {
    const { sim, gw } = await startClaimed();
    await portal.run(gw, 'configurePbx', { pbx: { type: 'mivb', address: 'pbx.local', username: 'admin', password: 'mitel' } });
    const { snapshotId } = (await portal.run(gw, 'beginUserSync')).result as { snapshotId: string };
    expect(await portal.run(gw, 'restart')).toMatchObject({ status: 'ok', result: {} });
    await sim.waitFor((s) => s.restarting);
    await sim.waitFor((s) => !s.restarting && s.online);
    expect(await portal.run(gw, 'fetchUsers', { snapshotId, offset: 0, limit: 5 })).toMatchObject({ error: { code: 'snapshot_unknown' } });
    expect(await portal.run(gw, 'scheduleUpdate', { version: '1.5.0', at: '2099-01-01T03:00:00.000Z' })).toMatchObject({
      status: 'ok', result: { scheduledFor: '2099-01-01T03:00:00.000Z' },
    });
    expect(sim.state().scheduledUpdate).toEqual({ version: '1.5.0', at: '2099-01-01T03:00:00.000Z' });
    expect(await portal.run(gw, 'performUpdate', { version: '1.5.0' })).toMatchObject({ status: 'ok', result: { softwareVersion: '1.5.0' } });
    await sim.waitFor((s) => !s.restarting && s.online && s.softwareVersion === '1.5.0', 5000);
    expect(sim.state().scheduledUpdate).toBeNull();
    const logs = await portal.run(gw, 'fetchLogs', { kind: 'cloudConnection' });
    expect((logs.result?.lines as string[]).some((l) => l.includes('Command performUpdate'))).toBe(true);
    expect(await portal.run(gw, 'callTrace', { extension: '1000', seconds: 30 })).toMatchObject({ status: 'ok', result: { extension: '1000' } });
    expect(await portal.run(gw, 'callTrace', { extension: '9999', seconds: 30 })).toMatchObject({ error: { code: 'unknown_extension' } });
    const records = await portal.run(gw, 'fetchCallRecords', { since: new Date(Date.now() - 86_400_000).toISOString(), limit: 50 });
    expect(Array.isArray(records.result?.records)).toBe(true);

    const oldCode = sim.linkCode();
    expect(await portal.run(gw, 'factoryReset')).toMatchObject({ status: 'ok', result: {} });
    const announce = await until(() => portal.announces.findLast((a) => a.body.hardwareId === sim.hardwareId && a.body.linkCode !== oldCode));
    expect(announce.auth).toBeUndefined();
    expect(sim.state()).toMatchObject({ claimed: false, gatewayId: expect.any(String), site: null, pbx: { configured: false }, softwareVersion: '1.5.0' });
  });

  it('keeps its identity, credential and users across stop/start from the same state file', async () => {
    const stateFile = path.join(tmp, 'persist.json');
    const { sim, gw } = await startClaimed({ stateFile, seed: 4242 });
    await portal.run(gw, 'configurePbx', { pbx: { type: 'mivb', address: 'pbx.local', username: 'admin', password: 'mitel' } });
    const added = sim.addUser({ firstName: 'Zoë', lastName: 'Ångström' });
    expect(added).toMatchObject({ pbxUserId: 'u-6', email: 'zoe.angstrom.6@example.test', extensions: ['1005'], cloudlinkRole: true });
    await until(() => portal.eventIds().length && sim.state().stats.pending === 0, 5000, 'userChanged sent');
    await sim.stop();
    expect(existsSync(stateFile)).toBe(true);
    expect(portal.openPolls).toBe(0);
    const announcesBefore = portal.announces.filter((a) => a.body.hardwareId === sim.hardwareId).length;

    const again = await start({ stateFile, seed: 4242 });
    expect(again.hardwareId).toBe(sim.hardwareId);
    expect(again.state()).toMatchObject({ claimed: true, gatewayId: gw.gatewayId, pbx: { configured: true } });
    const polls = portal.polls.length;
    await again.waitFor((s) => s.online, 5000);
    await until(() => portal.polls.length > polls, 5000, 'a poll');
    expect(portal.polls.at(-1)?.auth).toBe(`Bearer ${gw.credential}`);
    expect(portal.announces.filter((a) => a.body.hardwareId === sim.hardwareId)).toHaveLength(announcesBefore);
    expect(again.users().find((u) => u.pbxUserId === 'u-6')?.lastName).toBe('Ångström');
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).credential).toBe(gw.credential);
  });

  it('a 401 on commands makes it announce again with a new link code', async () => {
    const { sim, gw } = await startClaimed();
    const oldCode = sim.linkCode();
    portal.reset(gw);
    await sim.waitFor((s) => !s.claimed && s.linkCode !== oldCode, 5000);
    const announce = await until(() => portal.gateways.get(sim.hardwareId) && portal.announces.findLast((a) => a.body.hardwareId === sim.hardwareId));
    expect(announce.body.linkCode).toBe(sim.linkCode());
    expect(announce.body.linkCode).not.toBe(oldCode);
    const gw2 = portal.claim(sim.linkCode());
    await sim.waitFor((s) => s.claimed && s.online && s.gatewayId === gw2.gatewayId, 5000);
  });

  it('control API: state, users, events and faults over HTTP', async () => {
    const { sim } = await startClaimed({ controlPort: 0 });
    const base = sim.controlUrl!;
    const json = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${base}${p}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Json };
    };
    expect(await json('GET', '/health')).toEqual({ status: 200, body: { ok: true } });
    const created = await json('POST', '/users', { firstName: 'Ada', lastName: 'Lovelace', email: null, cloudlinkRole: false });
    expect(created).toMatchObject({ status: 201, body: { pbxUserId: 'u-6', email: null, cloudlinkRole: false } });
    expect((await json('PATCH', '/users/u-6', { cloudlinkRole: true })).body).toMatchObject({ cloudlinkRole: true });
    expect((await json('DELETE', '/users/u-404')).status).toBe(404);
    expect((await json('POST', '/events', { type: 'lineState', pbxUserId: 'u-6', state: 'held' })).status).toBe(202);
    expect((await json('POST', '/faults', { slowMs: 5 })).body).toMatchObject({ slowMs: 5, offline: false });
    expect((await json('POST', '/faults', { bogus: true })).status).toBe(400);
    const flushed = await json('POST', '/flush');
    expect(flushed.body).toMatchObject({ pending: 0 });
    const state = (await json('GET', '/state')).body;
    expect(state).toMatchObject({ claimed: true, users: 6, roleUsers: 6, pbxType: 'mivb', faults: { slowMs: 5 } });
  });

  it('stop() leaves nothing running: a child process exits by itself', async () => {
    const index = path.resolve(import.meta.dirname, '../../simulators/gateway/index.mjs');
    const script = `
      import { startGatewaySimulator } from ${JSON.stringify(index)};
      const sim = await startGatewaySimulator({ portal: process.env.PORTAL, stateFile: null, controlPort: 0, claimPollMs: 30, pollWait: 20, eventRate: 50 });
      console.log(sim.linkCode());
      await sim.waitFor((s) => s.claimed && s.online, 5000);
      await fetch(sim.controlUrl + '/health');
      await sim.flush();
      await sim.stop();
      console.log('stopped');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, PORTAL: portal.url }, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
    let exit: { exitCode: number | null; signal: string | null } | undefined;
    child.on('exit', (exitCode, signal) => (exit = { exitCode, signal }));
    try {
      const code = await until(() => lines[0] ?? exit?.toString(), 5000, 'the link code');
      await until(() => [...portal.gateways.values()].some((g) => norm(g.linkCode) === norm(code)), 5000, 'announce');
      portal.claim(code);
      await until(() => lines[1] ?? exit?.toString(), 8000, 'stopped');
      expect(lines[1]).toBe('stopped');
      await until(() => exit, 3000, 'the child to exit by itself');
      expect(exit).toEqual({ exitCode: 0, signal: null });
    } finally {
      if (!exit) child.kill('SIGKILL');
    }
    expect(portal.openPolls).toBe(0);
  });

  it('CLI prints one JSON line, reports the claim on stderr and stops on SIGTERM', async () => {
    const script = path.resolve(import.meta.dirname, '../../simulators/gateway/server.mjs');
    const stateFile = path.join(tmp, 'cli.json');
    const child = spawn(process.execPath, [script, '--portal', portal.url, '--state', stateFile, '--users', '7', '--pbx', 'mivo400', '--role-users', '2', '--claim-poll-ms', '30'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = once(child, 'exit');
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const started = JSON.parse(line) as { control: number; hardwareId: string; linkCode: string };
    expect(Object.keys(started).sort()).toEqual(['control', 'hardwareId', 'linkCode']);
    expect(started.hardwareId).toMatch(/^SIM-mivo400-/);
    await until(() => stderr.includes(`link code ${started.linkCode}`), 5000, 'link code line');
    portal.claim(started.linkCode);
    await until(() => stderr.includes('claimed by Contoso Test'), 5000, 'claimed line');
    const state = (await (await fetch(`http://127.0.0.1:${started.control}/state`)).json()) as Json;
    expect(state).toMatchObject({ hardwareId: started.hardwareId, claimed: true, users: 7, roleUsers: 7 });
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).hardwareId).toBe(started.hardwareId);
  });
});
