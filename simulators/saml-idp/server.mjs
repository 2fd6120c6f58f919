#!/usr/bin/env node
// CLI wrapper around startSamlIdp().
//   node simulators/saml-idp/server.mjs --port 0 --host 127.0.0.1 [--engine auth0|samlify] [--entity-id ID]
//     [--public-host localhost] [--cert-out FILE] [--cert-valid-days N]
// Port 0 picks a free port. Once listening, prints exactly one JSON line to stdout:
// {"port":…,"url":…,"entityId":…,"ssoUrl":…,"metadataUrl":…}. Logs go to stderr only.
import { writeFile } from 'node:fs/promises';
import { startSamlIdp } from './index.mjs';

const USAGE = `Usage: node simulators/saml-idp/server.mjs [--port N] [--host ADDR] [--engine auth0|samlify] [--entity-id ID] [--public-host NAME] [--cert-out FILE] [--cert-valid-days N]
  --port             HTTP port (default 4012, 0 = pick a free port)
  --host             interface to bind (default 127.0.0.1)
  --engine           response builder: auth0 (npm samlp, default) or samlify
  --entity-id        IdP entity id (default <url>/metadata)
  --public-host      host name used in the URLs instead of --host (e.g. localhost)
  --cert-out         write the signing certificate (PEM) to this file
  --cert-valid-days  certificate validity in days from now (default 365; 0 or less: already expired)`;

function fail(message) {
  process.stderr.write(`saml-idp-simulator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { port: 4012, host: '127.0.0.1' };
  const names = { '--host': 'host', '--entity-id': 'entityId', '--public-host': 'publicHost', '--cert-out': 'certOut' };
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
    } else if (flag === '--cert-valid-days') {
      const days = Number(value);
      if (!Number.isFinite(days)) fail(`invalid number of days: ${value}`);
      opts.certificateValidDays = days;
    } else if (flag === '--engine') {
      if (value !== 'auth0' && value !== 'samlify') fail(`unknown engine: ${value}`);
      opts.engine = value;
    } else if (names[flag]) {
      opts[names[flag]] = value;
    } else {
      fail(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

const { certOut, ...opts } = parseArgs(process.argv.slice(2));

let idp;
try {
  idp = await startSamlIdp(opts);
  if (certOut) await writeFile(certOut, idp.certificate);
} catch (err) {
  process.stderr.write(`saml-idp-simulator: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  await idp?.stop();
  process.exit(1);
}

process.stdout.write(`${JSON.stringify({ port: idp.port, url: idp.url, entityId: idp.entityId, ssoUrl: idp.ssoUrl, metadataUrl: idp.metadataUrl })}\n`);
process.stderr.write(`saml-idp-simulator: ${idp.engine} IdP at ${idp.url} (signs the ${idp.defaultSign} by default)\n`);

let shuttingDown = false;
async function shutdown() {
  if (shuttingDown) process.exit(130); // second signal: give up waiting
  shuttingDown = true;
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await idp.stop();
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
