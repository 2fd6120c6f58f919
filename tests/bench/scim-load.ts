/**
 * A SCIM 2.0 client load generator for `npm run bench:scim` (tests/bench/scim.ts), shaped like
 * Microsoft Entra ID's provisioning service: `runScimLoad({ baseUrl, token })` creates `users`
 * users, then patches each of them, then looks each of them up by filter, every phase with
 * `concurrency` workers pulling the next request from one queue (a closed loop: a worker sends its
 * next request as soon as the last one answered). Per phase: requests, errors (any answer but 2xx,
 * connection errors, timeouts; the first few bodies are printed), "wrong" answers (2xx, but not
 * what SCIM promises: a created user without an id, a filter that does not find exactly the one
 * user, or finds it without the patched family name), requests/s and p50/p95/p99/max latency (the
 * whole round trip, body read, nearest rank). Prints a table and returns the figures.
 *
 *   create         POST /Users                   Entra's create body (schemas, externalId, userName,
 *                                                active, displayName, name, a work e-mail, a mobile)
 *   patch          PATCH /Users/{id}             Entra's PatchOp: Replace name.familyName and
 *                                                phoneNumbers[type eq "work"].value
 *   get-by-filter  GET /Users?filter=userName eq "…"   Entra's lookup before it creates or matches
 *
 * Requests carry `Content-Type: application/scim+json` and the bearer token. Node's fetch keeps its
 * connections alive (its global dispatcher pools them per origin), so 8 workers hold at most 8
 * connections. Each run has its own prefix (userName, externalId) and its own block of phone
 * numbers, so runs against the same account do not clash. No retries: a 429 is an error here (the
 * benchmark lifts the portal's rate limit rather than wait out Retry-After).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

export type ScimPhase = 'create' | 'patch' | 'get-by-filter';
export const SCIM_PHASES: readonly ScimPhase[] = ['create', 'patch', 'get-by-filter'];

export interface ScimLoadOptions {
  /** The SCIM base, ending before /Users (e.g. http://127.0.0.1:3270/scim/v2/<accountId>). */
  baseUrl: string;
  /** The bearer token. */
  token: string;
  users?: number;
  concurrency?: number;
  /** Names the target in the table (e.g. "portal", "Jackson 26.2.0"). */
  label: string;
  /** Domain of the users' e-mail addresses (userName is the address, as Entra sends the UPN). */
  emailDomain?: string;
  /** A request taking longer than this counts as a timeout (default 30 s). */
  timeoutMs?: number;
  /** Print the table when done (default true). */
  print?: boolean;
  /** Progress lines on stderr every few seconds (default true). */
  progress?: boolean;
  /** The server's process (its children included): its CPU during each phase is reported. */
  serverPid?: number;
}

export interface ScimPhaseFigures {
  phase: ScimPhase;
  /** Requests sent. */
  count: number;
  /** Any answer but 2xx, connection errors and timeouts. */
  errors: number;
  /** 2xx answers whose content was not what SCIM promises (see the file's comment). */
  wrong: number;
  /** Answers per HTTP status, plus "connection error" and "timeout". */
  statuses: Record<string, number>;
  /** The first few error answers: status and body (cut), or the connection error. */
  firstErrors: string[];
  /** Wall time of the phase, first request sent to last answer read. */
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /**
   * CPU during the phase, in % of one core: the server's processes (when known), this process (the
   * clients), the processes named postgres on this machine (whoever's work they do), and the whole
   * machine's busy share of all its cores (100% = every core busy); `other` is the rest of the
   * machine's busy time, in % of one core: programs that are not part of the run (when it is large,
   * the figures are disturbed).
   */
  cpu: { server: number | null; client: number; postgres: number; machine: number; other: number };
}

export interface ScimLoadResult {
  label: string;
  baseUrl: string;
  users: number;
  concurrency: number;
  runPrefix: string;
  phases: Record<ScimPhase, ScimPhaseFigures>;
}

const SCIM_JSON = 'application/scim+json';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const FIRST_ERRORS = 5;

/** The p-th percentile (nearest rank) in whole milliseconds, as the other benchmarks report it. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

interface Outcome {
  status: number;
  json: Record<string, unknown> | null;
  text: string;
}

interface Recorder {
  times: number[];
  statuses: Map<string, number>;
  firstErrors: string[];
  errors: number;
  wrong: number;
  wrongNotes: string[];
}

// ---- CPU, from /proc (Linux; elsewhere the figures are NaN) ----

const CLK_TCK = 100;
function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}
/** CPU ticks of `pid` and every process below it. */
function treeTicks(pid: number): number {
  const parents = new Map<number, number>();
  try {
    for (const name of readdirSync('/proc')) if (/^\d+$/.test(name)) parents.set(Number(name), procStat(Number(name))?.ppid ?? -1);
  } catch {
    return NaN;
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree.reduce((n, p) => n + (procStat(p)?.ticks ?? 0), 0);
}
/** CPU ticks of every process named postgres on this machine (a local PostgreSQL server's backends; 0 when it is elsewhere). */
function postgresTicks(): number {
  let ticks = 0;
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() === 'postgres') ticks += procStat(Number(name))?.ticks ?? 0;
      } catch {
        /* gone */
      }
    }
  } catch {
    return NaN;
  }
  return ticks;
}
function machineTicks(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - cpu[3]! - (cpu[4] ?? 0), total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

const newRecorder = (): Recorder => ({ times: [], statuses: new Map(), firstErrors: [], errors: 0, wrong: 0, wrongNotes: [] });

function count(r: Recorder, key: string) {
  r.statuses.set(key, (r.statuses.get(key) ?? 0) + 1);
}

/** Seven digits of a phone number: this run's block of `users` numbers, i = 0 … users−1. */
function sevenDigits(block: number, users: number, i: number): string {
  return String(block * users + i).padStart(7, '0');
}

export async function runScimLoad(options: ScimLoadOptions): Promise<ScimLoadResult> {
  const users = options.users ?? 10_000;
  const concurrency = options.concurrency ?? 8;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const domain = options.emailDomain ?? 'scim-bench.example';
  const base = options.baseUrl.replace(/\/+$/, '');
  if (!Number.isInteger(users) || users < 1 || users > 9_999_999) throw new Error(`users must be a whole number from 1 to 9,999,999 (got ${users})`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a whole number of at least 1 (got ${concurrency})`);

  // "b" + time + random: unique per run, and a valid lower-case local part of an e-mail address.
  const runPrefix = `b${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  // A block of `users` numbers out of the ten million that seven digits give, at random per run.
  const block = randomInt(0, Math.floor(10_000_000 / users));
  const userName = (i: number) => `scim.${runPrefix}.${i}@${domain}`;
  const mobile = (i: number) => `+3161${sevenDigits(block, users, i)}`;
  const workPhone = (i: number) => `+3130${sevenDigits(block, users, i)}`;
  const familyName = (i: number) => `Bench ${i}`;
  const patchedFamilyName = (i: number) => `Patched ${i}`;
  const headers = { authorization: `Bearer ${options.token}`, accept: SCIM_JSON, 'content-type': SCIM_JSON };

  async function send(method: string, path: string, body?: unknown): Promise<Outcome> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      /* not JSON */
    }
    return { status: response.status, json, text };
  }

  const ids: (string | undefined)[] = new Array(users);
  const patched: boolean[] = new Array(users).fill(false);
  const log = (line: string) => options.progress !== false && process.stderr.write(`  [${options.label}] ${line}\n`);

  /**
   * One phase: `concurrency` workers take the next index until none is left; `request(i)` builds
   * the request (null: nothing to send for i), `check` looks at a 2xx answer (a string: wrong).
   */
  async function phase(
    name: ScimPhase,
    indexes: number[],
    request: (i: number) => { method: string; path: string; body?: unknown },
    check: (i: number, answer: Outcome) => string | null,
  ): Promise<ScimPhaseFigures> {
    const r = newRecorder();
    let next = 0;
    let done = 0;
    const started = performance.now();
    const cpuFrom = { server: options.serverPid ? treeTicks(options.serverPid) : NaN, client: process.cpuUsage(), postgres: postgresTicks(), machine: machineTicks() };
    const ticker = setInterval(() => log(`${name}: ${done.toLocaleString('en')} / ${indexes.length.toLocaleString('en')}`), 5000);
    const worker = async () => {
      for (let k = next++; k < indexes.length; k = next++) {
        const i = indexes[k]!;
        const { method, path, body } = request(i);
        const sent = performance.now();
        try {
          const answer = await send(method, path, body);
          r.times.push(performance.now() - sent);
          count(r, String(answer.status));
          if (answer.status >= 200 && answer.status < 300) {
            const problem = check(i, answer);
            if (problem) {
              r.wrong++;
              if (r.wrongNotes.length < FIRST_ERRORS) r.wrongNotes.push(`${method} ${path}: ${problem}`);
            }
          } else {
            r.errors++;
            if (r.firstErrors.length < FIRST_ERRORS) r.firstErrors.push(`${method} ${path} → ${answer.status} ${answer.text.slice(0, 400)}`);
          }
        } catch (e) {
          r.times.push(performance.now() - sent);
          const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
          count(r, timeout ? 'timeout' : 'connection error');
          r.errors++;
          const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
          if (r.firstErrors.length < FIRST_ERRORS) r.firstErrors.push(`${method} ${path} → ${timeout ? `no answer within ${timeoutMs} ms` : `${String(e)}${cause}`}`);
        }
        done++;
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, indexes.length) }, worker));
    } finally {
      clearInterval(ticker);
    }
    const seconds = (performance.now() - started) / 1000;
    const client = process.cpuUsage(cpuFrom.client);
    const machine = machineTicks();
    const cores = cpus().length;
    const machineShare = (machine.busy - cpuFrom.machine.busy) / (machine.total - cpuFrom.machine.total);
    const cpu = {
      server: options.serverPid ? Math.round((((treeTicks(options.serverPid) - cpuFrom.server) / CLK_TCK) * 100) / seconds) : null,
      client: Math.round(((client.user + client.system) / 1e6 / seconds) * 100),
      postgres: Math.round((((postgresTicks() - cpuFrom.postgres) / CLK_TCK) * 100) / seconds),
      machine: Math.round(machineShare * 100),
      other: 0,
    };
    cpu.other = Math.max(0, Math.round(machineShare * cores * 100 - (cpu.server ?? 0) - cpu.client - cpu.postgres));
    const figures: ScimPhaseFigures = {
      phase: name,
      count: r.times.length,
      errors: r.errors,
      wrong: r.wrong,
      statuses: Object.fromEntries([...r.statuses].sort()),
      firstErrors: [...r.firstErrors, ...r.wrongNotes.map((n) => `wrong: ${n}`)],
      seconds,
      rps: r.times.length / seconds,
      p50: percentile(r.times, 50),
      p95: percentile(r.times, 95),
      p99: percentile(r.times, 99),
      max: percentile(r.times, 100),
      cpu,
    };
    log(`${name}: ${figures.count.toLocaleString('en')} requests in ${seconds.toFixed(1)} s, ${figures.errors} errors, ${figures.wrong} wrong`);
    if (figures.firstErrors.length) process.stderr.write(`  [${options.label}] ${name}: first problems:\n    ${figures.firstErrors.join('\n    ')}\n`);
    return figures;
  }

  const all = Array.from({ length: users }, (_, i) => i);
  log(`${users.toLocaleString('en')} users, ${concurrency} concurrent clients, run ${runPrefix}, against ${base}`);

  const create = await phase(
    'create',
    all,
    (i) => ({
      method: 'POST',
      path: '/Users',
      body: {
        schemas: [USER_SCHEMA],
        externalId: `${runPrefix}-${i}`,
        userName: userName(i),
        active: true,
        displayName: `Scim ${familyName(i)}`,
        name: { givenName: 'Scim', familyName: familyName(i) },
        emails: [{ type: 'work', primary: true, value: userName(i) }],
        phoneNumbers: [{ type: 'mobile', value: mobile(i) }],
      },
    }),
    (i, answer) => {
      const id = answer.json?.id;
      if (typeof id !== 'string' || !id) return `answered ${answer.status} without an id: ${answer.text.slice(0, 200)}`;
      ids[i] = id;
      return null;
    },
  );

  const created = all.filter((i) => ids[i] !== undefined);
  const patch = await phase(
    'patch',
    created,
    (i) => ({
      method: 'PATCH',
      path: `/Users/${encodeURIComponent(ids[i]!)}`,
      body: {
        schemas: [PATCH_SCHEMA],
        Operations: [
          { op: 'Replace', path: 'name.familyName', value: patchedFamilyName(i) },
          { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: workPhone(i) },
        ],
      },
    }),
    // A PATCH may answer 200 with the user or 204 with nothing (RFC 7644 §3.5.2).
    (i) => {
      patched[i] = true;
      return null;
    },
  );

  const getByFilter = await phase(
    'get-by-filter',
    created,
    (i) => ({ method: 'GET', path: `/Users?filter=${encodeURIComponent(`userName eq "${userName(i)}"`)}` }),
    (i, answer) => {
      const resources = answer.json?.Resources;
      if (!Array.isArray(resources) || resources.length !== 1) return `expected 1 resource, got ${Array.isArray(resources) ? resources.length : 'no Resources'} (totalResults ${String(answer.json?.totalResults)})`;
      const user = resources[0] as { id?: unknown; name?: { familyName?: unknown } };
      if (user.id !== ids[i]) return `found id ${String(user.id)}, created ${ids[i]}`;
      if (patched[i] && user.name?.familyName !== patchedFamilyName(i)) return `name.familyName is ${JSON.stringify(user.name?.familyName)}, patched to ${JSON.stringify(patchedFamilyName(i))}`;
      return null;
    },
  );

  const result: ScimLoadResult = { label: options.label, baseUrl: base, users, concurrency, runPrefix, phases: { create, patch, 'get-by-filter': getByFilter } };
  if (options.print !== false) console.log(`${formatScimTable([result])}\n${formatScimCpu([result])}`);
  return result;
}

const pad = (s: string, n: number) => s.padStart(n);

/** One block per target: a line per phase. `null` entries are skipped (say why elsewhere). */
export function formatScimTable(results: (ScimLoadResult | null)[], p95TargetMs = 50): string {
  const shown = results.filter((r): r is ScimLoadResult => r !== null);
  if (!shown.length) return '  (no SCIM figures)';
  const width = Math.max(14, ...shown.map((r) => r.label.length));
  const head = `  ${'target'.padEnd(width)}  ${'phase'.padEnd(13)} ${pad('requests', 8)} ${pad('errors', 6)} ${pad('wrong', 5)} ${pad('req/s', 7)} ${pad('p50', 6)} ${pad('p95', 6)} ${pad('p99', 6)} ${pad('max', 7)}  p95 < ${p95TargetMs} ms`;
  const lines = [head, `  ${'-'.repeat(head.length - 2)}`];
  for (const r of shown) {
    for (const name of SCIM_PHASES) {
      const f = r.phases[name];
      const ms = (n: number, w: number) => pad(Number.isNaN(n) ? '–' : `${n} ms`, w);
      lines.push(
        `  ${(name === 'create' ? r.label : '').padEnd(width)}  ${name.padEnd(13)} ${pad(String(f.count), 8)} ${pad(String(f.errors), 6)} ${pad(String(f.wrong), 5)} ${pad(f.rps.toFixed(1), 7)} ${ms(f.p50, 6)} ${ms(f.p95, 6)} ${ms(f.p99, 6)} ${ms(f.max, 7)}  ${verdict(f, p95TargetMs)}`,
      );
    }
  }
  return lines.join('\n');
}

/** "met" / "missed" for one phase (never an assertion); says so when errors make it doubtful. */
export function verdict(f: ScimPhaseFigures, p95TargetMs = 50): string {
  if (f.count === 0) return 'not measured';
  const word = f.p95 < p95TargetMs ? 'met' : 'missed';
  const doubt = f.errors || f.wrong ? ` (but ${[f.errors ? `${f.errors} errors` : '', f.wrong ? `${f.wrong} wrong` : ''].filter(Boolean).join(', ')})` : '';
  return `${word}${doubt}`;
}

/** CPU per phase of each run (% of one core): the server's processes, this process (the clients), local PostgreSQL; the machine's busy share of all its cores. */
export function formatScimCpu(results: (ScimLoadResult | null)[]): string {
  const shown = results.filter((r): r is ScimLoadResult => r !== null);
  if (!shown.length) return '';
  const pct = (n: number | null) => pad(n === null || Number.isNaN(n) ? '?' : `${n}%`, 5);
  const width = Math.max(14, ...shown.map((r) => r.label.length));
  const lines = [`  CPU during each phase, % of one core (postgres: every local PostgreSQL process; other: the rest of the machine's busy time, programs outside the run; machine: busy share of all ${cpus().length} cores):`];
  for (const r of shown)
    for (const name of SCIM_PHASES) {
      const c = r.phases[name].cpu;
      lines.push(`    ${(name === 'create' ? r.label : '').padEnd(width)}  ${name.padEnd(13)}  server ${pct(c.server)}  clients ${pct(c.client)}  postgres ${pct(c.postgres)}  other ${pct(c.other)}  machine ${pct(c.machine)}`);
    }
  return lines.join('\n');
}

/** The statuses of each phase of a run, for the line under the table. */
export function statusSummary(r: ScimLoadResult): string {
  return SCIM_PHASES.map((name) => `${name} ${Object.entries(r.phases[name].statuses).map(([s, c]) => `${c}× ${s}`).join(', ') || 'none'}`).join(' · ');
}
