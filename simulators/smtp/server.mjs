#!/usr/bin/env node
// CLI wrapper around startSmtpSimulator().
//   node simulators/smtp/server.mjs --smtp-port 2525 --http-port 2526 --host 127.0.0.1 [--verbose]
// Port 0 picks a free port. Once listening, prints exactly one JSON line to
// stdout: {"smtp":<port>,"http":<port>}. Logs go to stderr only.
import { startSmtpSimulator } from './index.mjs';

const USAGE = `Usage: node simulators/smtp/server.mjs [--smtp-port N] [--http-port N] [--host ADDR] [--verbose]
  --smtp-port  SMTP port (default 2525, 0 = pick a free port)
  --http-port  HTTP JSON API port (default 2526, 0 = pick a free port)
  --host       interface to bind (default 127.0.0.1)
  --verbose    log one line per captured message to stderr`;

function fail(message) {
  process.stderr.write(`smtp-simulator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { smtpPort: 2525, httpPort: 2526, host: '127.0.0.1', verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (arg === '--verbose') {
      opts.verbose = true;
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`missing value for ${flag}`);
    if (flag === '--host') {
      opts.host = value;
    } else if (flag === '--smtp-port' || flag === '--http-port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port for ${flag}: ${value}`);
      opts[flag === '--smtp-port' ? 'smtpPort' : 'httpPort'] = port;
    } else {
      fail(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

let sim;
try {
  sim = await startSmtpSimulator({
    host: opts.host,
    smtpPort: opts.smtpPort,
    httpPort: opts.httpPort,
    onMessage: opts.verbose
      ? (m) => process.stderr.write(`[smtp-simulator] #${m.id} ${m.from} -> ${m.to.join(', ')}: ${m.subject}\n`)
      : undefined,
  });
} catch (err) {
  process.stderr.write(`smtp-simulator: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

process.stdout.write(`${JSON.stringify({ smtp: sim.smtpPort, http: sim.httpPort })}\n`);

let shuttingDown = false;
async function shutdown(signal) {
  if (shuttingDown) {
    process.exit(130); // second signal: give up waiting
  }
  shuttingDown = true;
  if (opts.verbose) process.stderr.write(`[smtp-simulator] ${signal} received, shutting down\n`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await sim.stop();
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
