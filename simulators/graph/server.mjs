#!/usr/bin/env node
// CLI wrapper around startGraphEmulator() (npm run sim:graph).
//   GRAPH_PORT=2620 GRAPH_CONTROL_PORT=2621 [GRAPH_HOST=127.0.0.1] [GRAPH_CA_FILE=.data/graph-ca.pem] [GRAPH_DEMO=on]
//   [GRAPH_DEMO_REDIRECT_URIS=url,url | APP_URL=http://localhost:3000] node simulators/graph/server.mjs
// Prints one JSON line to stdout once listening: {"url","graphUrl","loginUrl","controlUrl","caFile"}; a
// human summary goes to stderr. Stops on SIGTERM/SIGINT.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO, seedDemoTenant, startGraphEmulator } from './index.mjs';

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`graph emulator: invalid ${name}: ${raw}\n`);
    process.exit(2);
  }
  return n;
}

const on = (v) => ['on', 'true', '1', 'yes'].includes(String(v ?? '').toLowerCase());

let sim;
try {
  sim = await startGraphEmulator({ host: process.env.GRAPH_HOST || '127.0.0.1', port: port('GRAPH_PORT', 2620), controlPort: port('GRAPH_CONTROL_PORT', 2621) });
} catch (err) {
  process.stderr.write(`graph emulator: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

const caFile = process.env.GRAPH_CA_FILE ? path.resolve(process.env.GRAPH_CA_FILE) : null;
if (caFile) {
  await mkdir(path.dirname(caFile), { recursive: true });
  await writeFile(caFile, sim.ca);
}

let demo = null;
if (on(process.env.GRAPH_DEMO)) {
  const appUrl = (process.env.APP_URL || 'http://localhost:3000').replace(/\/+$/, '');
  const redirectUris = process.env.GRAPH_DEMO_REDIRECT_URIS
    ? process.env.GRAPH_DEMO_REDIRECT_URIS.split(',').map((s) => s.trim()).filter(Boolean)
    : [`${appUrl}/api/o365/consent`, `${appUrl}/api/graph/monitor-auth`];
  demo = seedDemoTenant(sim.control, { redirectUris });
}

process.stdout.write(`${JSON.stringify({ url: sim.url, graphUrl: `${sim.url}/v1.0`, loginUrl: sim.url, controlUrl: sim.controlUrl, caFile })}\n`);
const lines = [
  `graph emulator: Graph   ${sim.url}/v1.0`,
  `graph emulator: login   ${sim.url}/<tenant>/oauth2/v2.0/token`,
  `graph emulator: control ${sim.controlUrl}`,
  `graph emulator: CA      ${caFile ?? '(not written: set GRAPH_CA_FILE)'}`,
];
if (demo) {
  lines.push(
    `graph emulator: demo tenant ${DEMO.tenantId} (${DEMO.domain}), app ${DEMO.appId} secret ${DEMO.clientSecret}`,
    `graph emulator: demo users user1..user${DEMO.userCount}@${DEMO.domain} password ${DEMO.password} (user1 is admin)`,
    `graph emulator: portal multi-tenant app ${DEMO.portalAppId} secret ${DEMO.portalAppSecret} (tenant ${DEMO.publisherTenantId})`,
  );
}
process.stderr.write(`${lines.join('\n')}\n`);

let shuttingDown = false;
async function shutdown() {
  if (shuttingDown) process.exit(130);
  shuttingDown = true;
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await sim.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
