#!/usr/bin/env node
// CLI wrapper around startOidcSimulator().
//   node simulators/oidc/server.mjs --port 0 --host 127.0.0.1 [--issuer-host localhost] [--client-id x --client-secret y]
// Port 0 picks a free port. Once listening, prints exactly one JSON line to
// stdout: {"port":<port>,"issuer":"http://..."}. Logs go to stderr only.
import { startOidcSimulator } from './index.mjs';

const USAGE = `Usage: node simulators/oidc/server.mjs [--port N] [--host ADDR] [--issuer-host NAME] [--client-id ID] [--client-secret SECRET] [--redirect-uri URI]...
  --port           HTTP port (default 4011, 0 = pick a free port)
  --host           interface to bind (default 127.0.0.1)
  --issuer-host    host name used in the issuer URL (default: --host)
  --client-id      registered client id (default portal)
  --client-secret  its secret (default portal-secret)
  --redirect-uri   accepted redirect URI, repeatable (default: any)`;

function fail(message) {
  process.stderr.write(`oidc-simulator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { port: 4011, host: '127.0.0.1' };
  const names = { '--host': 'host', '--issuer-host': 'issuerHost', '--client-id': 'clientId', '--client-secret': 'clientSecret' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`missing value for ${flag}`);
    if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port: ${value}`);
      opts.port = port;
    } else if (flag === '--redirect-uri') {
      (opts.redirectUris ??= []).push(value);
    } else if (names[flag]) {
      opts[names[flag]] = value;
    } else {
      fail(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

let sim;
try {
  sim = await startOidcSimulator(opts);
} catch (err) {
  process.stderr.write(`oidc-simulator: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

process.stdout.write(`${JSON.stringify({ port: sim.port, issuer: sim.issuer })}\n`);

let shuttingDown = false;
async function shutdown() {
  if (shuttingDown) process.exit(130); // second signal: give up waiting
  shuttingDown = true;
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await sim.stop();
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
