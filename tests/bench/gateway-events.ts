/**
 * `npm run bench:gateway-events`: event ingestion of the CloudLink gateway protocol (§4 `POST
 * /events`) from BENCH_GATEWAYS (200) gateways of 50 PBX users each, posting lineState changes at
 * BENCH_RATE (500) events/s in all for BENCH_SECONDS (60) after a BENCH_WARMUP_SECONDS (5) warm-up
 * (issue target: p95 ingestion latency < 100 ms, no event lost), against the production build
 * served the way `npm start` serves it (scripts/portal.ts start: one web process, with the job
 * workers on). `npm run build` must have been run first: the benchmark stops if `.next` has no build.
 *
 * The gateways are plain protocol clients in this process (fetch, no simulator): each announces
 * with a link code, is claimed by its own account of the demo partner (accounts and their
 * CloudLink Gateway integration inserted directly, the claim through the real `claimGateway` as
 * the partner), collects its credential with `claim-status`, and then, as a real gateway does,
 * keeps one long-poll `GET /commands?wait=25` open all the time (the server holds 200 polls) while
 * it posts its events: events arrive at random (Poisson, rate / gateways each), and every
 * BENCH_FLUSH_MS (200, the simulator's flushMs) a gateway posts what it has queued as one batch,
 * one request at a time, retrying the same batch after anything but a 2xx (the protocol's rule).
 * Event ids are unique; each gateway's `at` only goes forward.
 *
 * Prints events generated and accepted per second, POST /events requests/s and their latency
 * (p50/p95/p99/max: the request's round trip, the batch committed when it answers), the age of
 * an event when its batch was acknowledged (includes waiting for the next flush), errors (any
 * answer but 2xx, connection errors, timeouts) and retries, the long-polls held, the portal's
 * RSS and CPU (its processes, from /proc) and this process's CPU. Afterwards, with every queue
 * drained: rows in gateway_event_receipts against events generated (lost = generated − stored)
 * and each user's stored line state against the last one sent. Asserts no timing; exits 1 if an
 * event is lost, a batch is refused or a stored state is wrong. Throwaway database on
 * DATABASE_URL's server, else the embedded PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { CLK_TCK, processTree, procStat, startBenchPortal } from './bench-portal';
import { benchDatabase } from './bench-database';
import { waitForHealth } from './wait-for-health';

if (!existsSync('.next/BUILD_ID')) {
  console.error('bench:gateway-events runs against the production build, and .next has none: run `npm run build` first.');
  process.exit(1);
}

const PORT = Number(process.env.BENCH_PORT ?? 3260);
const BASE = `http://127.0.0.1:${PORT}`;
const API = `${BASE}/api/gateway/v1`;
const GATEWAYS = Number(process.env.BENCH_GATEWAYS ?? 200);
const USERS = 50;
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const FLUSH_MS = Number(process.env.BENCH_FLUSH_MS ?? 200);
const POLL_WAIT = 25;
const MAX_BATCH = 500;
/** After the run, how long the gateways may take to post what they still have queued. */
const DRAIN_MS = 60_000;
const LINK_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LINE_STATES = ['idle', 'ringing', 'busy', 'held'] as const;
const RUN = randomBytes(3).toString('hex');

const database = await benchDatabase('gwevents');
// One secret-store key for the portal and this process: the claim seals the credential here, the
// portal opens it when the gateway collects it.
const SECRETS_KEY = (process.env.SECRETS_KEY ??= randomBytes(32).toString('base64url'));

// The app's modules read DATABASE_URL when first used, so they are loaded after it is set.
const { closeDb, db } = await import('../../db/client');
const { loadActorForJob } = await import('../../lib/auth/load-actor');
const { claimGateway } = await import('../../lib/gateway/claim-gateway');

const startPortal = () => startBenchPortal({ databaseUrl: database.url, port: PORT, secretsKey: SECRETS_KEY });

// ---- the portal's processes, from /proc ----

function memoryOf(pid: number): { name: string; rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?', rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { name: '?', rss: 0, hwm: 0 };
  }
}
const cpuTicksOf = (pids: number[]) => pids.reduce((n, pid) => n + (procStat(pid)?.cpuTicks ?? 0), 0);
/** Busy and total jiffies of the whole machine (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3]! - (cpu[4] ?? 0), total };
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// ---- the gateways ----

interface Queued {
  event: { id: string; type: 'lineState'; at: string; data: { pbxUserId: string; extension: string; state: string } };
  created: number;
}
interface Gateway {
  index: number;
  accountId: string;
  hardwareId: string;
  linkCode: string;
  pollToken: string;
  credential: string;
  pending: Queued[];
  seq: number;
  lastAt: number;
  /** The last state sent per user, and its time stamp: what pbx_user_states must hold afterwards. */
  last: Map<string, { state: string; at: string }>;
}

const stats = {
  generated: 0,
  acked: 0,
  accepted: 0,
  duplicates: 0,
  /** Events in batches the portal refused for good (400, 401, 409, 413): lost by the protocol's rules. */
  refused: 0,
  retries: 0,
  statuses: new Map<number, number>(),
  connectionErrors: 0,
  timeouts: 0,
  pollsAnswered: 0,
  pollErrors: 0,
  commands: 0,
  openPolls: 0,
};
/** Measured window (after the warm-up): POST latencies, batch sizes, event ages at acknowledgement. */
const span = { from: Infinity, to: Infinity, latencies: [] as number[], batchSizes: [] as number[], ages: [] as number[], accepted: 0, requests: 0, pollsMin: Infinity, pollsMax: 0 };
const problems: string[] = [];

const newLinkCode = () => Array.from({ length: 8 }, () => LINK_ALPHABET[Math.floor(Math.random() * LINK_ALPHABET.length)]).join('');

async function protocol(method: 'GET' | 'POST', path: string, token: string | null, body?: unknown, signal?: AbortSignal): Promise<{ status: number; json: Record<string, unknown> | null; headers: Headers }> {
  const response = await fetch(`${API}/${path}`, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    /* not JSON */
  }
  return { status: response.status, json, headers: response.headers };
}

/** Announce (a new link code when one is taken), claim as the partner, collect the credential. */
async function onboard(actor: Parameters<typeof claimGateway>[0]['ctx']['actor'], index: number, accountId: string): Promise<Gateway> {
  const hardwareId = `BENCH-GW-${RUN}-${index}`;
  for (let attempt = 0; ; attempt++) {
    const linkCode = newLinkCode();
    const announced = await protocol('POST', 'announce', null, { hardwareId, linkCode: `${linkCode.slice(0, 4)}-${linkCode.slice(4)}`, model: 'virtual', platform: 'standalone', softwareVersion: '1.4.2' });
    if (announced.status === 409 && (announced.json?.error as { code?: string } | undefined)?.code === 'link_code_taken' && attempt < 5) continue;
    if (announced.status !== 201) throw new Error(`announce of ${hardwareId}: ${announced.status} ${JSON.stringify(announced.json)}`);
    const pollToken = String(announced.json!.pollToken);
    const waiting = await protocol('POST', 'claim-status', pollToken, {});
    if (waiting.json?.status !== 'waiting') throw new Error(`claim-status before the claim: ${waiting.status} ${JSON.stringify(waiting.json)}`);
    await claimGateway({ ctx: { actor }, input: { accountId, linkCode } });
    const claimed = await protocol('POST', 'claim-status', pollToken, {});
    if (claimed.json?.status !== 'claimed') throw new Error(`claim-status after the claim: ${claimed.status} ${JSON.stringify(claimed.json)}`);
    return { index, accountId, hardwareId, linkCode, pollToken, credential: String(claimed.json.credential), pending: [], seq: 0, lastAt: 0, last: new Map() };
  }
}

/** One long-poll open at a time, again as soon as it answers (protocol §3). No command is expected. */
async function pollLoop(gw: Gateway, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    stats.openPolls++;
    try {
      const answer = await protocol('GET', `commands?wait=${POLL_WAIT}`, gw.credential, undefined, signal);
      if (answer.status !== 200) throw new Error(`commands: ${answer.status}`);
      stats.pollsAnswered++;
      stats.commands += (answer.json?.commands as unknown[] | undefined)?.length ?? 0;
    } catch {
      if (signal.aborted) break;
      stats.pollErrors++;
      await sleep(1000);
    } finally {
      stats.openPolls--;
    }
  }
}

/** Events at random for one gateway (Poisson at `perSecond`) until `until`. */
function generate(gw: Gateway, perSecond: number, until: number): void {
  if (!(perSecond > 0)) return;
  const next = () => {
    const now = performance.now();
    if (now >= until) return;
    const n = 1 + Math.floor(Math.random() * USERS);
    const pbxUserId = `u-${n}`;
    const previous = gw.last.get(pbxUserId)?.state;
    const choices = LINE_STATES.filter((s) => s !== previous);
    const state = choices[Math.floor(Math.random() * choices.length)]!;
    // Strictly later than this gateway's previous event: per user, the newest `at` must win.
    gw.lastAt = Math.max(Date.now(), gw.lastAt + 1);
    const at = new Date(gw.lastAt).toISOString();
    gw.pending.push({ event: { id: `evt-${RUN}-${gw.index}-${++gw.seq}`, type: 'lineState', at, data: { pbxUserId, extension: String(1000 + n), state } }, created: now });
    gw.last.set(pbxUserId, { state, at });
    stats.generated++;
    setTimeout(next, (-Math.log(1 - Math.random()) * 1000) / perSecond);
  };
  setTimeout(next, (-Math.log(1 - Math.random()) * 1000) / perSecond);
}

const backoff = (attempt: number) => Math.min(10_000, 250 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

/** Every FLUSH_MS, what is queued goes as one batch; the same batch again after anything but a 2xx. */
async function flushLoop(gw: Gateway, until: () => number): Promise<void> {
  await sleep(Math.random() * FLUSH_MS);
  while (performance.now() < until() || gw.pending.length) {
    if (!gw.pending.length) {
      await sleep(FLUSH_MS);
      continue;
    }
    const batch = gw.pending.splice(0, MAX_BATCH);
    const body = { events: batch.map((q) => q.event) };
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      const measured = started >= span.from && started < span.to;
      try {
        const answer = await protocol('POST', 'events', gw.credential, body, AbortSignal.timeout(30_000));
        const done = performance.now();
        if (measured) {
          span.latencies.push(done - started);
          span.requests++;
        }
        if (answer.status >= 200 && answer.status < 300) {
          const accepted = Number(answer.json?.accepted ?? 0);
          stats.acked += batch.length;
          stats.accepted += accepted;
          stats.duplicates += Number(answer.json?.duplicates ?? 0);
          if (measured) {
            span.accepted += accepted;
            span.batchSizes.push(batch.length);
            for (const q of batch) span.ages.push(done - q.created);
          }
          break;
        }
        stats.statuses.set(answer.status, (stats.statuses.get(answer.status) ?? 0) + 1);
        if ([400, 401, 409, 413].includes(answer.status)) {
          stats.refused += batch.length;
          problems.push(`gateway ${gw.index}: a batch of ${batch.length} refused with ${answer.status} ${JSON.stringify(answer.json)}`);
          break;
        }
        stats.retries++;
        const retryAfter = Number(answer.headers.get('retry-after'));
        await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff(attempt));
      } catch (e) {
        if (e instanceof Error && e.name === 'TimeoutError') stats.timeouts++;
        else stats.connectionErrors++;
        stats.retries++;
        await sleep(backoff(attempt));
      }
    }
    if (gw.pending.length < MAX_BATCH) await sleep(FLUSH_MS);
  }
}

/** The p-th percentile (nearest rank), in whole milliseconds. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

// How busy the machine already is (other programs): the figures below are only as good as this.
const idleFrom = machineTicks();
await sleep(2000);
const idleTo = machineTicks();
const busyBefore = (idleTo.busy - idleFrom.busy) / (idleTo.total - idleFrom.total);

const portal = startPortal();
const polls = new AbortController();
let failed = false;
try {
  process.stderr.write('bench:gateway-events: starting the portal (production build) …\n');
  await waitForHealth(portal, BASE);
  const sql = postgres(database.url, { max: 2, onnotice: () => undefined });
  const [partner] = await sql<{ id: string; partner_org_id: string }[]>`select id, partner_org_id from users where email = 'partner@northwind.example'`;
  if (!partner) throw new Error('the demo partner is missing (the portal seeds it on its first start)');
  const accountIds = (
    await sql<{ id: string }[]>`
      insert into accounts (partner_org_id, name, country)
      select ${partner.partner_org_id}, 'Gateway Bench ' || lpad(g::text, 3, '0'), 'GB' from generate_series(1, ${GATEWAYS}::int) g
      returning id`
  ).map((r) => r.id);
  await sql`insert into account_integrations (account_id, integration_id, version) select unnest(${accountIds}::uuid[]), 'cloudlinkGateway', 1`;
  const actor = await loadActorForJob(db(), partner.id);
  if (!actor) throw new Error('the demo partner has no actor');

  process.stderr.write(`  announcing and claiming ${GATEWAYS} gateways …\n`);
  const gateways: Gateway[] = [];
  for (let i = 0; i < GATEWAYS; i += 10) gateways.push(...(await Promise.all(accountIds.slice(i, i + 10).map((id, j) => onboard(actor, i + j, id)))));
  const pollLoops = gateways.map((gw) => pollLoop(gw, polls.signal));
  for (let i = 0; stats.openPolls < GATEWAYS; i++) {
    if (i > 200) throw new Error(`only ${stats.openPolls} of ${GATEWAYS} long-polls open after 10 s`);
    await sleep(50);
  }
  await sleep(1000);
  if (stats.pollErrors || stats.pollsAnswered) throw new Error(`long-polls: ${stats.pollErrors} failed and ${stats.pollsAnswered} answered at once (none should, within ${POLL_WAIT} s)`);
  const [online] = await sql<{ n: number }[]>`select count(*)::int as n from gateways where account_id is not null and credential_pickup is null and last_seen_at > now() - interval '90 seconds'`;
  if (online!.n !== GATEWAYS) throw new Error(`${online!.n} of ${GATEWAYS} gateways are claimed and online`);

  process.stderr.write(`  ${GATEWAYS} gateways claimed and polling; warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s at ${RATE} events/s …\n`);
  const start = performance.now();
  span.from = start + WARMUP_SECONDS * 1000;
  span.to = span.from + SECONDS * 1000;
  for (const gw of gateways) generate(gw, RATE / GATEWAYS, span.to);
  const flushLoops = gateways.map((gw) => flushLoop(gw, () => span.to));

  // Samples of the portal's processes and the machine while the run is measured.
  await sleep(Math.max(0, span.from - performance.now()));
  const tree = processTree(portal.pid!);
  const cpuFrom = { portal: cpuTicksOf(tree), self: process.cpuUsage(), machine: machineTicks(), generated: stats.generated };
  let rssMax = 0;
  const rssSeries: number[] = [];
  while (performance.now() < span.to) {
    const rss = tree.reduce((n, pid) => n + memoryOf(pid).rss, 0);
    rssMax = Math.max(rssMax, rss);
    rssSeries.push(rss);
    span.pollsMin = Math.min(span.pollsMin, stats.openPolls);
    span.pollsMax = Math.max(span.pollsMax, stats.openPolls);
    await sleep(Math.min(1000, Math.max(1, span.to - performance.now())));
  }
  const generatedInWindow = stats.generated - cpuFrom.generated;
  const machine = machineTicks();
  const portalCpu = (cpuTicksOf(tree) - cpuFrom.portal) / CLK_TCK;
  const selfUsage = process.cpuUsage(cpuFrom.self);
  const machineBusy = (machine.busy - cpuFrom.machine.busy) / (machine.total - cpuFrom.machine.total);
  const memories = tree.map((pid) => ({ pid, ...memoryOf(pid) }));

  process.stderr.write('  draining the queues …\n');
  const drained = await Promise.race([Promise.all(flushLoops).then(() => true), sleep(DRAIN_MS).then(() => false)]);
  if (!drained) problems.push(`the gateways still had events queued ${DRAIN_MS / 1000} s after the run`);
  polls.abort();
  await Promise.all(pollLoops);

  const [stored] = await sql<{ n: number }[]>`select count(*)::int as n from gateway_event_receipts`;
  const states = await sql<{ account_id: string; pbx_user_id: string; line_state: string; line_at: Date }[]>`select account_id, pbx_user_id, line_state, line_at from pbx_user_states`;
  const byAccount = new Map(gateways.map((gw) => [gw.accountId, gw]));
  let mismatches = 0;
  let expectedStates = 0;
  for (const gw of gateways) expectedStates += gw.last.size;
  for (const row of states) {
    const sent = byAccount.get(row.account_id)?.last.get(row.pbx_user_id);
    if (!sent || sent.state !== row.line_state || Date.parse(sent.at) !== row.line_at.getTime()) mismatches++;
  }
  await sql.end();
  const lost = stats.generated - stored!.n;
  if (lost !== 0) problems.push(`${lost} events lost (generated ${stats.generated}, stored ${stored!.n})`);
  if (stats.accepted !== stored!.n) problems.push(`the portal answered accepted ${stats.accepted} in all, but stored ${stored!.n}`);
  if (mismatches || states.length !== expectedStates) problems.push(`line states: ${mismatches} stored states differ from the last one sent; ${states.length} rows for ${expectedStates} users`);

  const ms = (n: number) => `${n} ms`;
  const errors = [...stats.statuses].reduce((n, [, c]) => n + c, 0) + stats.connectionErrors + stats.timeouts;
  const errorDetail = [`${stats.connectionErrors} connection errors`, `${stats.timeouts} timeouts`, ...[...stats.statuses].map(([s, c]) => `${c}× ${s}`)].join(', ');
  const batches = span.batchSizes;
  console.log(`gateway events benchmark (npm start: one web process with its workers): ${GATEWAYS} gateways × ${USERS} users, lineState events,`);
  console.log(`target ${RATE} events/s for ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up; each gateway posts its queue every ${FLUSH_MS} ms and holds one GET /commands?wait=${POLL_WAIT}`);
  console.log(`  events generated   ${(generatedInWindow / SECONDS).toFixed(1).padStart(7)} /s  (${stats.generated} in all, warm-up and run)`);
  console.log(`  events accepted    ${(span.accepted / SECONDS).toFixed(1).padStart(7)} /s  (in batches sent during the run; ${stats.accepted} in all, ${stats.duplicates} duplicates)`);
  console.log(`  POST /events       ${(span.requests / SECONDS).toFixed(1).padStart(7)} req/s  p50 ${ms(percentile(span.latencies, 50))}  p95 ${ms(percentile(span.latencies, 95))}  p99 ${ms(percentile(span.latencies, 99))}  max ${ms(percentile(span.latencies, 100))}  (${span.requests} requests, ${batches.length ? (batches.reduce((a, b) => a + b, 0) / batches.length).toFixed(1) : 0} events per batch on average)`);
  console.log(`  event age at ack   p50 ${ms(percentile(span.ages, 50))}  p95 ${ms(percentile(span.ages, 95))}  p99 ${ms(percentile(span.ages, 99))}  (from its creation to its batch's 2xx, waiting for the flush included)`);
  console.log(`  errors             ${errors} (${errorDetail}); ${stats.retries} retries; ${stats.refused} events refused`);
  console.log(`  long-polls         ${span.pollsMin}–${span.pollsMax} open during the run; ${stats.pollsAnswered} answered, ${stats.pollErrors} failed, ${stats.commands} commands`);
  console.log(`  lost events        ${lost} (generated ${stats.generated}, acknowledged ${stats.acked}, receipts stored ${stored!.n}); line states ${states.length} rows, ${mismatches} wrong`);
  console.log(`  portal processes   ${memories.map((m) => `${m.name} ${m.pid} RSS ${mb(m.rss)} (peak ${mb(m.hwm)})`).join(' · ')}; sum max ${mb(rssMax)} during the run`);
  console.log(`  portal RSS, sum    every 10 s of the run: ${rssSeries.filter((_, i) => i % 10 === 0).map(mb).join(' → ')} → ${mb(memories.reduce((n, m) => n + m.rss, 0))} at the end`);
  console.log(`  CPU during the run portal ${((portalCpu / SECONDS) * 100).toFixed(0)}% of a core, this process (the gateways) ${(((selfUsage.user + selfUsage.system) / 1e6 / SECONDS) * 100).toFixed(0)}%, machine ${(machineBusy * 100).toFixed(0)}% busy of ${cpus().length} cores (PostgreSQL included when local; ${(busyBefore * 100).toFixed(0)}% busy before the portal started)`);
  if (problems.length) {
    failed = true;
    console.error(`FUNCTIONAL PROBLEMS:\n  ${problems.slice(0, 20).join('\n  ')}`);
  }
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  polls.abort();
  portal.kill('SIGTERM');
  await new Promise((r) => (portal.exitCode === null ? portal.once('exit', r) : r(null)));
  await closeDb();
  await database.drop();
}
process.exit(failed ? 1 : 0);
