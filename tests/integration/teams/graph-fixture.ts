import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGraphEmulator, type StartedGraphEmulator } from '../../../simulators/graph/index.mjs';

/** A Graph emulator the adapter trusts (GRAPH_* set for this test file), with one tenant and a consented Teams app. */
export async function startGraph(): Promise<{ graph: StartedGraphEmulator; tenantId: string; clientId: string; secret: string }> {
  const graph = await startGraphEmulator();
  const caFile = path.join(os.tmpdir(), `graph-ca-${process.pid}-${Date.now()}.pem`);
  writeFileSync(caFile, graph.ca);
  process.env.GRAPH_URL = graph.url;
  process.env.GRAPH_LOGIN_URL = graph.url;
  process.env.GRAPH_CA_FILE = caFile;
  const { tenantId } = graph.control.createTenant({ domain: 'contoso.example' });
  const app = graph.control.createApp(tenantId, {
    displayName: 'CloudLink presence',
    permissions: { application: ['Presence.ReadWrite.All', 'User.Read.All', 'Application.Read.All'], delegated: ['User.Read', 'User.Read.All', 'Presence.Read', 'Presence.Read.All', 'Subscription.Read.All', 'offline_access', 'openid', 'profile', 'email'] },
    consented: true,
    redirectUris: [`${process.env.APP_URL}/api/graph/monitor-auth`],
  });
  return { graph, tenantId, clientId: app.appId, secret: app.secrets[0]!.value };
}

export async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
