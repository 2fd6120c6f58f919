#!/usr/bin/env node
// CLI wrapper around startGatewaySimulator().
//   node simulators/gateway/server.mjs --portal http://127.0.0.1:3000 [--pbx mivb] [--users 50] ...
// Prints exactly one JSON line to stdout once running: {"control":<port>,"hardwareId":"…","linkCode":"XXXX-XXXX"}.
// Human messages (link code to type in the portal, claimed) and logs go to stderr.
import { startGatewaySimulator } from './index.mjs';
import { FLAGS } from './options.mjs';

const USAGE = `Usage: node simulators/gateway/server.mjs --portal URL [options]
  --portal URL             the portal, e.g. http://127.0.0.1:3000 (required)
  --pbx TYPE               mivo400 | mv5000 | mxone | mivb (default mivb)
  --users N                generated PBX users (default 50)
  --platform P             standalone | smbc (default standalone)
  --model M                physical | virtual (default physical)
  --state FILE             state file (default .data/gateway-sim-<hardwareId>.json)
  --control-port N         control API port (default 0 = free port)
  --host ADDR              control API interface (default 127.0.0.1)
  --hardware-id ID         default SIM-<pbx>-<hex> derived from --pbx and --seed
  --seed N                 user generator seed (default 1)
  --email-domain D         default example.test
  --missing-email-every N  every Nth user has no e-mail (default 40, 0 = never)
  --role-users N           users with the CloudLink role (default all; always all on mivo400)
  --pbx-username U         --pbx-password P   PBX login accepted by configurePbx (default admin / mitel)
  --software-version V     default 1.4.2
  --available-version V    installed by performUpdate without a version (default 1.5.0)
  --event-rate N           random events per second while claimed (default 0)
  --poll-wait S            GET /commands?wait= seconds (default 25)
  --flush-ms N             event batch interval (default 200)
  --claim-poll-ms N        claim-status interval (default: the portal's pollAfterSeconds, at most 5 s)
  --restart-delay-ms N     how long a simulated restart takes (default 1500)
  --verbose                log everything to stderr (default: warnings and errors only)`;

function fail(message) {
  process.stderr.write(`gateway simulator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const spec = FLAGS[flag];
    if (!spec) fail(`unknown argument: ${arg}`);
    const [name, kind] = spec;
    if (kind === 'bool') {
      opts[name] = inline === undefined ? true : !['0', 'false', 'no'].includes(inline);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`missing value for ${flag}`);
    if (kind === 'string') {
      opts[name] = value;
    } else {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || (kind === 'int' && !Number.isInteger(n))) fail(`invalid number for ${flag}: ${value}`);
      opts[name] = n;
    }
  }
  if (!opts.portal) fail('--portal is required');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const say = (line) => process.stderr.write(`gateway simulator: ${line}\n`);

let sim;
try {
  sim = await startGatewaySimulator({
    ...opts,
    // Without --verbose only warnings and errors (e.g. "portal not reachable") reach stderr.
    logger: opts.verbose ? undefined : (line) => /^\[\w+\] \S+ (WARN|ERROR)/.test(line) && process.stderr.write(`${line}\n`),
    onStatus(event) {
      if (event.type === 'linkCode') say(`link code ${event.linkCode} — type it in the portal's gateway wizard`);
      else if (event.type === 'claimed') say(`claimed by ${event.accountName ?? 'an account'} (gateway ${event.gatewayId})`);
      else say(`no longer claimed (${event.reason}); announcing again with a new link code`);
    },
  });
} catch (err) {
  const message = (err instanceof Error ? err.message : String(err)).replace(/^gateway simulator: /, '');
  if (err instanceof TypeError) fail(message); // a bad option
  process.stderr.write(`gateway simulator: failed to start: ${message}\n`);
  process.exit(1);
}

const controlPort = sim.controlUrl ? Number(new URL(sim.controlUrl).port) : null;
process.stdout.write(`${JSON.stringify({ control: controlPort, hardwareId: sim.hardwareId, linkCode: sim.linkCode() })}\n`);
const initial = sim.state();
if (initial.claimed) say(`already claimed (gateway ${initial.gatewayId}); connecting to ${opts.portal}`);

let shuttingDown = false;
async function shutdown(signal) {
  if (shuttingDown) process.exit(130); // second signal: give up waiting
  shuttingDown = true;
  if (opts.verbose) say(`${signal} received, shutting down`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await sim.stop();
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
