import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resetGraphConfig, type GraphApp } from '@/lib/adapters/graph';
import { startGraphEmulator } from '../../../simulators/graph/index.mjs';

type Emulator = Awaited<ReturnType<typeof startGraphEmulator>>;

export interface Harness {
  emu: Emulator;
  ctl<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Starts the emulator and points the adapter at it through the environment, as a deployment would. */
export async function startHarness(): Promise<Harness> {
  const emu = await startGraphEmulator();
  const dir = mkdtempSync(path.join(tmpdir(), 'graph-ca-'));
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, emu.ca);
  Object.assign(process.env, { GRAPH_URL: emu.url, GRAPH_LOGIN_URL: emu.url, GRAPH_CA_FILE: caFile });
  await resetGraphConfig();
  const ctl = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emu.controlUrl}${route}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${route}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    emu,
    ctl,
    async close() {
      await resetGraphConfig();
      for (const k of ['GRAPH_URL', 'GRAPH_LOGIN_URL', 'GRAPH_CA_FILE']) delete process.env[k];
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const APP_PERMISSIONS = ['Presence.ReadWrite.All', 'Presence.Read.All', 'User.Read.All'];
export const DELEGATED = ['User.Read', 'User.Read.All', 'Presence.Read', 'Presence.Read.All', 'Subscription.Read.All', 'offline_access', 'openid', 'profile', 'email'];

export interface TenantSetup {
  tenantId: string;
  app: GraphApp;
  users: { id: string; userPrincipalName: string }[];
}

let n = 0;
/** A fresh tenant with one app (consented unless told) and `users` generated users. */
export async function tenant(h: Harness, o: { users?: number; application?: string[]; consented?: boolean; secretEnd?: string } = {}): Promise<TenantSetup> {
  const domain = `t${++n}-${Date.now().toString(36)}.example`;
  const { tenantId } = await h.ctl<{ tenantId: string }>('POST', '/tenants', { domain });
  const created = await h.ctl<{ appId: string; secrets: { value: string }[] }>('POST', `/tenants/${tenantId}/apps`, {
    displayName: 'Presence connector',
    permissions: { application: o.application ?? APP_PERMISSIONS, delegated: DELEGATED },
    consented: o.consented ?? true,
    secrets: [{ endDateTime: o.secretEnd }],
  });
  const users = o.users ? (await h.ctl<{ users: { id: string; userPrincipalName: string }[] }>('POST', `/tenants/${tenantId}/users`, { count: o.users })).users : [];
  return { tenantId, app: { tenantId, clientId: created.appId, clientSecret: created.secrets[0]!.value }, users };
}

export interface Call {
  op: string;
  status: number;
  userId?: string;
  batch?: string;
}
export const calls = (h: Harness, tenantId: string, op: string) => h.ctl<Call[]>('GET', `/calls?tenant=${tenantId}&op=${op}`);

/** A notification endpoint answering Graph's validation handshake, recording what it receives. */
export async function webhook(): Promise<{ url: string; received: unknown[]; close(): Promise<void> }> {
  const received: unknown[] = [];
  const server: Server = createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
    if (token !== null) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(token);
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body || 'null'));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) };
}
