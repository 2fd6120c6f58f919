/**
 * `npm run bench:scim`: the portal's SCIM 2.0 endpoint under an Entra ID-shaped load — BENCH_USERS
 * (10,000) users created, then each patched, then each looked up by filter, from BENCH_CONCURRENCY
 * (8) concurrent clients (tests/bench/scim-load.ts) — and the same load against BoxyHQ Jackson's
 * SCIM endpoint run locally (tests/bench/jackson-scim.ts) for comparison. Issue target: p95 < 50 ms
 * for each phase; the benchmark says met or missed and asserts none.
 *
 * The portal is the production build served the way `npm start` serves it (scripts/portal.ts
 * start: one web process with its job workers), on a throwaway database (DATABASE_URL's server,
 * else the embedded PostgreSQL); `npm run build` must have been run first. Its SCIM credentials
 * come from the operator command `npm run admin -- scim-keys --account "<BENCH_ACCOUNT>"`
 * (default "Fabrikam BV", a demo account the first start seeds) on the same database, as an
 * operator would get them. The portal's per-token rate limit (SCIM_RATE_PER_SECOND, 200/s by
 * default) is lifted for the run, since the benchmark measures what the endpoint can take; set
 * BENCH_SCIM_RATE=<n> to keep a limit of n/s (a 429 then counts as an error).
 *
 * The portal is stopped before Jackson runs, so the two do not share the machine; Jackson's
 * database is another throwaway one on the same PostgreSQL server. BENCH_JACKSON=off skips it,
 * BENCH_PORTAL=off runs Jackson alone. Exits 1 when the portal could not be measured (no build,
 * no start, no keys, no SCIM endpoint), else 0 — errors and missed targets are reported, not fatal.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBenchPortal } from './bench-portal';
import { benchDatabase } from './bench-database';
import { JACKSON_VERSION, runJacksonScim } from './jackson-scim';
import { formatScimCpu, formatScimTable, SCIM_PHASES, runScimLoad, statusSummary, verdict, type ScimLoadResult } from './scim-load';
import { waitForHealth } from './wait-for-health';

const PORT = Number(process.env.BENCH_PORT ?? 3270);
const BASE = `http://127.0.0.1:${PORT}`;
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ACCOUNT = process.env.BENCH_ACCOUNT ?? 'Fabrikam BV';
const P95_TARGET_MS = 50;
const RUN_PORTAL = process.env.BENCH_PORTAL !== 'off';
const RUN_JACKSON = process.env.BENCH_JACKSON !== 'off';
const SCIM_RATE = process.env.BENCH_SCIM_RATE ?? '1000000000';

if (RUN_PORTAL && !existsSync('.next/BUILD_ID')) {
  console.error('bench:scim runs against the production build, and .next has none: run `npm run build` first.');
  process.exit(1);
}

const database = await benchDatabase('scim');
// One secret-store key for the portal and the admin command.
const SECRETS_KEY = (process.env.SECRETS_KEY ??= randomBytes(32).toString('base64url'));

const startPortal = () => startBenchPortal({ databaseUrl: database.url, port: PORT, secretsKey: SECRETS_KEY, env: { SCIM_RATE_PER_SECOND: SCIM_RATE, SCIM_RATE_BURST: SCIM_RATE } });

/** npm as `npm run` started this process (npm_execpath), else the npm beside this node, else PATH's. */
function npm(): [string, string[]] {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.(c?js)$/.test(cli)) return [process.execPath, [cli]];
  const beside = path.join(path.dirname(process.execPath), 'npm');
  return [existsSync(beside) ? beside : 'npm', []];
}

/** `npm run admin -- scim-keys --account <name>` on the bench database: `{ url, token }`. */
async function scimKeys(account: string): Promise<{ url: string; token: string }> {
  const [command, prefix] = npm();
  const child = spawn(command, [...prefix, 'run', '--silent', 'admin', '--', 'scim-keys', '--account', account], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: database.url, APP_URL: BASE, SECRETS_KEY },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const line = stdout.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
  if (code !== 0 || !line) throw new Error(`\`npm run admin -- scim-keys --account "${account}"\` failed (exit code ${code}): ${(stderr.trim() || stdout.trim()).slice(-1500)}`);
  const keys = JSON.parse(line) as { url?: unknown; token?: unknown };
  if (typeof keys.url !== 'string' || typeof keys.token !== 'string') throw new Error(`scim-keys printed no url and token: ${line}`);
  return { url: keys.url, token: keys.token };
}

/** The endpoint must answer an authenticated lookup with 200 before the load, or the figures mean nothing. */
async function preflight(url: string, token: string): Promise<void> {
  const probe = `${url}/Users?filter=${encodeURIComponent('userName eq "nobody@scim-bench.example"')}`;
  let answer: Response;
  try {
    answer = await fetch(probe, { headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' } });
  } catch (e) {
    throw new Error(`GET ${probe} failed: ${String(e)}`);
  }
  const body = (await answer.text()).slice(0, 300);
  if (answer.status === 404 && !body.includes('urn:ietf:params:scim')) throw new Error(`the portal has no SCIM endpoint at ${url} yet: GET …/Users?filter=… answered 404 (${body.replace(/\s+/g, ' ').slice(0, 120)})`);
  if (answer.status !== 200) throw new Error(`GET ${probe} answered ${answer.status}: ${body}`);
}

/** Busy and total jiffies of the whole machine (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { busy: cpu.reduce((a, b) => a + b, 0) - cpu[3]! - (cpu[4] ?? 0), total: cpu.reduce((a, b) => a + b, 0) };
}

// How busy the machine already is (other programs): the figures below are only as good as this.
const idleFrom = machineTicks();
await sleep(2000);
const idleTo = machineTicks();
const busyBefore = Math.round(((idleTo.busy - idleFrom.busy) / (idleTo.total - idleFrom.total)) * 100);

const notes: string[] = [];
let portalResult: ScimLoadResult | null = null;
let jacksonResult: ScimLoadResult | null = null;
let portalFailed = false;

try {
  if (RUN_PORTAL) {
    const portal = startPortal();
    try {
      process.stderr.write(`bench:scim: starting the portal (production build) on ${BASE} …\n`);
      await waitForHealth(portal, BASE);
      process.stderr.write(`  scim-keys for "${ACCOUNT}" …\n`);
      const keys = await scimKeys(ACCOUNT);
      if (!keys.url.startsWith(`${BASE}/`)) notes.push(`scim-keys answered ${keys.url}, not under ${BASE}: used as it is`);
      await preflight(keys.url, keys.token);
      portalResult = await runScimLoad({ baseUrl: keys.url, token: keys.token, users: USERS, concurrency: CONCURRENCY, label: 'portal', serverPid: portal.pid, print: false });
    } catch (e) {
      portalFailed = true;
      notes.push(`portal: not measured — ${e instanceof Error ? e.message : String(e)}`);
      process.stderr.write(`  portal: not measured — ${e instanceof Error ? e.message : String(e)}\n`);
    } finally {
      portal.kill('SIGTERM');
      await new Promise((r) => (portal.exitCode === null && portal.signalCode === null ? portal.once('exit', r) : r(null)));
    }
  } else notes.push('portal: skipped (BENCH_PORTAL=off)');

  if (RUN_JACKSON) {
    process.stderr.write(`bench:scim: BoxyHQ Jackson ${JACKSON_VERSION} …\n`);
    jacksonResult = await runJacksonScim({ server: database.url, users: USERS, concurrency: CONCURRENCY, print: false, onUnavailable: (why) => notes.push(`Jackson: not run — ${why}`) });
  } else notes.push('Jackson: skipped (BENCH_JACKSON=off)');
} catch (e) {
  portalFailed = true;
  console.error(e);
} finally {
  await database.drop();
}

const runs = [portalResult, jacksonResult];
console.log(`SCIM benchmark: ${USERS.toLocaleString('en')} users created, patched and looked up by filter; ${CONCURRENCY} concurrent clients; Entra ID-shaped requests`);
console.log(`  portal: npm start (one web process with its workers), account "${ACCOUNT}", rate limit ${SCIM_RATE === '1000000000' ? 'lifted' : `${SCIM_RATE}/s`}`);
console.log(`  Jackson: @boxyhq/saml-jackson ${JACKSON_VERSION}, Directory Sync (azure-scim-v2) on node:http, PostgreSQL engine, events dropped (no webhook)`);
console.log(`  machine: ${cpus().length} cores, ${busyBefore}% busy before the benchmark started; PostgreSQL ${new URL(database.url).host}`);
console.log(formatScimTable(runs, P95_TARGET_MS));
const cpu = formatScimCpu(runs);
if (cpu) console.log(cpu);
for (const r of runs) if (r) console.log(`  statuses ${r.label}: ${statusSummary(r)}`);

// Side by side: each phase's figures of the two, and the target check for each.
if (portalResult && jacksonResult) {
  console.log(`  side by side (portal | Jackson):`);
  for (const name of SCIM_PHASES) {
    const a = portalResult.phases[name];
    const b = jacksonResult.phases[name];
    console.log(`    ${name.padEnd(13)} req/s ${a.rps.toFixed(1)} | ${b.rps.toFixed(1)}   p50 ${a.p50} | ${b.p50} ms   p95 ${a.p95} | ${b.p95} ms   p99 ${a.p99} | ${b.p99} ms`);
  }
}
console.log(`target p95 < ${P95_TARGET_MS} ms per phase:`);
for (const [label, r] of [['portal', portalResult], [`Jackson ${JACKSON_VERSION}`, jacksonResult]] as const) {
  console.log(`  ${label.padEnd(16)} ${r ? SCIM_PHASES.map((name) => `${name} ${verdict(r.phases[name], P95_TARGET_MS)} (${r.phases[name].p95} ms)`).join(' · ') : 'not measured'}`);
}
for (const note of notes) console.log(`  note: ${note}`);
process.exit(portalFailed ? 1 : 0);
