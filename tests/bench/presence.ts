/**
 * `npm run bench:presence [-- --bidirectional] [-- --quick]`: the Teams presence integration end to
 * end against the production build served as `npm start` serves it (one web process running the
 * job workers and the presence pushers), with the Graph emulator and the gateway simulator in this
 * process (one clock for every time stamp).
 *
 * Default (CloudLink → Teams): BENCH_USERS (10,000; --quick 1,000) PBX users on a gateway
 * (BENCH_PBX, default MX-ONE) onboarded through the real commands, Azure users with the PBX
 * e-mails as UPNs, Finish setup and sync on (timed: matched, initial push written). Then
 * BENCH_RATE (50) lineState changes/s, busy/idle alternating per user at random, for
 * BENCH_SECONDS (60; --quick 20), the simulator batching events every BENCH_FLUSH_MS (200, its
 * default). Latency: from the bench's emit to the emulator's recorded setPresence (Busy/InACall)
 * or clearPresence of that user (the flush wait, the gateway protocol, the pusher's round, the
 * $batch all included). Graph HTTP requests per change. Then a Graph outage (the emulator's
 * `down` fault, BENCH_OUTAGE_SECONDS, 60; --quick 20) with the load going on, BENCH_RECOVERY_SECONDS
 * (60; --quick 20) more load, and the load stops: the time from the outage's end until every
 * user's last pre-outage-end change showed in Teams, the time from the load's stop until every
 * user's Teams session equals its last line state, and the tenant backoff the portal recorded.
 *
 * --bidirectional (Teams → MiCollab): the same on a MiVoice Business gateway with a MiCollab row,
 * sync from Teams on and ceil(users / 650) presence monitors authorised; changes are Teams client
 * states (InCall/Active) set in the emulator; latency runs to the gateway simulator's recorded
 * MiCollab update; the outage is the gateway offline (see presence-directions.ts for why not Graph).
 *
 * BENCH_SETTLE_SECONDS (30; --quick 5): a pause after the initial push, so the portal's Graph write
 * budget (1,500, +50/s per tenant) has refilled as in steady operation. Figures are printed and
 * written to .data/bench-presence-<mode>.json; no timing is asserted. Exits 1 when a user's far
 * side is wrong at the end (lost) or the setup fails. Throwaway database on DATABASE_URL's server,
 * else the embedded PostgreSQL; the portal's stderr goes to .data/bench-presence-<mode>-portal.log.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import postgres from 'postgres';
import type { PbxType } from '../../simulators/gateway/index.mjs';
import { startBenchPortal, treeCpuSeconds } from './bench-portal';
import { benchDatabase } from './bench-database';
import { fmtMs, fmtS, type LatencySummary } from './presence-match';
import { runPhases, type RunResult } from './presence-run';
import { setUpAccount, setUpMonitors, startEmulator, type Account, type Emulator } from './presence-setup';
import { fromTeams, toTeams } from './presence-directions';
import { waitForHealth } from './wait-for-health';

const args = process.argv.slice(2);
const BIDIRECTIONAL = args.includes('--bidirectional');
const QUICK = args.includes('--quick');
const MODE = `${BIDIRECTIONAL ? 'bidirectional' : 'default'}${QUICK ? '-quick' : ''}`;
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const USERS = num('BENCH_USERS', QUICK ? 1000 : 10_000);
const RATE = num('BENCH_RATE', 50);
const SECONDS = num('BENCH_SECONDS', QUICK ? 20 : 60);
const OUTAGE_SECONDS = num('BENCH_OUTAGE_SECONDS', QUICK ? 20 : 60);
const RECOVERY_SECONDS = num('BENCH_RECOVERY_SECONDS', QUICK ? 20 : 60);
const SETTLE_SECONDS = num('BENCH_SETTLE_SECONDS', QUICK ? 5 : 30);
const FLUSH_MS = num('BENCH_FLUSH_MS', 200);
const CONVERGE_TIMEOUT_SECONDS = num('BENCH_CONVERGE_TIMEOUT_SECONDS', 900);
const PBX = (process.env.BENCH_PBX ?? (BIDIRECTIONAL ? 'mivb' : 'mxone')) as PbxType;
const PORT = num('BENCH_PORT', 3280);
const BASE = `http://127.0.0.1:${PORT}`;
const P95_TARGET_MS = 1000;

if (!existsSync('.next/BUILD_ID')) {
  console.error('bench:presence runs against the production build, and .next has none: run `npm run build` first.');
  process.exit(1);
}
if (BIDIRECTIONAL && PBX !== 'mivb') console.error(`note: Teams → MiCollab needs MiVoice Business; BENCH_PBX=${PBX} will be refused`);

const log = (s: string) => process.stderr.write(`${s}\n`);
const portalLog = `.data/bench-presence-${MODE}-portal.log`;


const database = await benchDatabase('presence');
const SECRETS_KEY = (process.env.SECRETS_KEY ??= randomBytes(32).toString('base64url'));
// Before any of the app's modules is loaded: GRAPH_* point this process and the portal at the emulator.
const emu: Emulator = await startEmulator('bench.example', BASE);
const portal = startBenchPortal({ databaseUrl: database.url, port: PORT, secretsKey: SECRETS_KEY, logFile: portalLog });
const sql = postgres(database.url, { max: 3, onnotice: () => undefined });
let acct: Account | null = null;
let failed = false;
const problems: string[] = [];

function latencyRow(label: string, l: LatencySummary): string {
  return `  ${label.padEnd(34)} p50 ${fmtMs(l.p50).padStart(8)}  p95 ${fmtMs(l.p95).padStart(8)}  p99 ${fmtMs(l.p99).padStart(8)}  max ${fmtMs(l.max).padStart(8)}  (${l.count} matched)`;
}

function print(r: RunResult, setup: Record<string, number>, samples: Record<string, unknown>): void {
  const s = r.steady;
  const direction = BIDIRECTIONAL ? 'Teams → MiCollab' : 'CloudLink → Teams';
  console.log(`\npresence benchmark (${MODE}): ${direction}, ${USERS.toLocaleString('en')} users on ${PBX}, npm start (one web process with its workers), ${cpus().length} cores`);
  console.log(`  load: ${RATE} changes/s (random users, ${BIDIRECTIONAL ? 'Teams client InCall/Active' : 'lineState busy/idle'} alternating per user) for ${SECONDS} s; gateway flushMs ${FLUSH_MS}; settle ${SETTLE_SECONDS} s`);
  console.log('setup');
  console.log(`  gateway onboarding             claim ${fmtS(setup.claimMs)}, site ${fmtS(setup.siteMs)}, PBX ${fmtS(setup.pbxMs)}, connect + first PBX sync ${fmtS(setup.connectSyncMs)} (${USERS.toLocaleString('en')} users)`);
  console.log(`  enabling sync to Teams         every user matched after ${fmtS(setup.enableMatchedMs)}; initial push written after ${fmtS(setup.enableTotalMs)} (${setup.initialPushWrites} writes in ${setup.initialPushBatches} $batch; first write at ${fmtS(setup.enableFirstWriteMs)}, last at ${fmtS(setup.enableLastWriteMs)})`);
  if (BIDIRECTIONAL) console.log(`  monitors                       ${setup.monitors} authorised in ${fmtS(setup.authorizeMs)}; ${setup.subscriptions} subscriptions covering every user after ${fmtS(setup.subscribedMs)} (${setup.validations} validation handshakes)`);
  console.log(`steady run (${s.ratePerSecond} changes/s sent)`);
  console.log(latencyRow(BIDIRECTIONAL ? 'Teams change → MiCollab update' : 'gateway event → Graph write', s) + `  target p95 < ${P95_TARGET_MS} ms: ${s.p95 === null ? 'not measured' : s.p95 < P95_TARGET_MS ? 'met' : 'MISSED'}`);
  console.log(`  changes                        ${r.sent.steady} sent, ${s.matched} delivered, ${s.coalesced} coalesced (the user changed again before the write); all shown ${fmtS(s.drainMs)} after the load stopped`);
  console.log(`  per change                     ${Object.entries(s.perChange).map(([k, v]) => `${k} ${v}`).join(', ')} (until all shown)`);
  console.log(`  CPU                            portal ${s.portalCpuPercent}% of a core, bench process (emulator + simulator + load) ${s.benchCpuPercent}%`);
  console.log(`outage (${BIDIRECTIONAL ? 'gateway offline' : 'Graph down: connections refused'}, ${r.outage.seconds} s, load going on)`);
  console.log(`  ${r.sent.outage} changes during it by ${r.outage.usersChanged} users; backlog max ${samples.maxBacklog} users; ${BIDIRECTIONAL ? `errors seen ${JSON.stringify(samples.reasons)}, pending gateway commands max ${samples.maxPendingCommands}` : `tenant backoff seen after ${fmtS(samples.backoffSeenAfterMs as number | null)}, reasons ${JSON.stringify(samples.reasons)}, longest backoff ${samples.maxBackoffSeconds} s ahead, outage streak max ${samples.maxOutageStreak}`}`);
  console.log(`  converged (load on)            ${r.outage.convergeMs === null ? `never (${r.outage.pending} users pending)` : fmtS(r.outage.convergeMs)} after the outage's end (each user's ${BIDIRECTIONAL ? 'MiCollab' : 'Teams'} state equal to its latest change at some moment since)`);
  console.log(`  converged (load stopped)       ${r.outage.finalConvergeMs === null ? `NOT within ${CONVERGE_TIMEOUT_SECONDS} s (${r.outage.finalMismatches} users wrong)` : fmtS(r.outage.finalConvergeMs)} after the load stopped (${fmtS(r.outage.loadStoppedAfterMs)} after the outage's end)`);
  console.log(latencyRow('changes made during the outage', r.outage.latency));
  console.log(latencyRow('changes made after it (load on)', r.recovery));
  console.log(`totals: ${r.totals.sent} changes, ${r.totals.matched} delivered, ${r.totals.coalesced} coalesced, ${r.totals.lostUsers} users wrong at the end`);
}

try {
  log(`bench:presence (${MODE}): starting the portal (production build) on ${BASE} …`);
  await waitForHealth(portal, BASE).catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${readFileSync(portalLog, 'utf8').slice(-3000)}`);
  });
  acct = await setUpAccount({ sql, base: BASE, emu, pbx: PBX, users: USERS, flushMs: FLUSH_MS, micollab: BIDIRECTIONAL, log });
  const setup: Record<string, number> = { ...acct.timings, ...(BIDIRECTIONAL ? await setUpMonitors({ sql, emu, acct, log }) : {}) };
  const direction = BIDIRECTIONAL ? fromTeams(sql, emu, acct) : toTeams(sql, emu, acct);
  const result = await runPhases(direction, {
    rate: RATE,
    seconds: SECONDS,
    settleSeconds: SETTLE_SECONDS,
    outageSeconds: OUTAGE_SECONDS,
    recoverySeconds: RECOVERY_SECONDS,
    convergeTimeoutMs: CONVERGE_TIMEOUT_SECONDS * 1000,
    log,
    portalCpu: () => treeCpuSeconds(portal.pid!),
  });
  const { list, ...samples } = direction.samples;
  print(result, setup, samples);
  if (result.totals.lostUsers > 0) problems.push(`${result.totals.lostUsers} users' ${BIDIRECTIONAL ? 'MiCollab' : 'Teams'} presence differs from their last change ${CONVERGE_TIMEOUT_SECONDS} s after the load stopped`);
  if (result.steady.matched === 0) problems.push('no change of the steady run was delivered');
  const portalErrors = readFileSync(portalLog, 'utf8').split('\n').filter((l) => l.trim()).length;
  console.log(`  portal stderr: ${portalErrors} lines in ${portalLog}`);
  const file = `.data/bench-presence-${MODE}.json`;
  const config = { mode: MODE, users: USERS, pbx: PBX, rate: RATE, seconds: SECONDS, outageSeconds: OUTAGE_SECONDS, recoverySeconds: RECOVERY_SECONDS, settleSeconds: SETTLE_SECONDS, flushMs: FLUSH_MS, cores: cpus().length };
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), config, setup, result, samples: { ...samples, timeline: list }, problems }, null, 2));
  console.log(`  figures written to ${file}`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  if (problems.length) {
    failed = true;
    console.error(`FUNCTIONAL PROBLEMS:\n  ${problems.join('\n  ')}`);
  }
  await acct?.sim.stop().catch(() => undefined);
  portal.kill('SIGTERM');
  await new Promise((r) => (portal.exitCode === null && portal.signalCode === null ? portal.once('exit', r) : r(null)));
  await emu.graph.close().catch(() => undefined);
  await sql.end();
  const { stopBoss } = await import('../../lib/jobs/boss');
  await stopBoss().catch(() => undefined);
  const { closeDb } = await import('../../db/client');
  await closeDb();
  await database.drop();
  rmSync(process.env.GRAPH_CA_FILE!, { force: true });
}
process.exit(failed ? 1 : 0);
