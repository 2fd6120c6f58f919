/**
 * `npm run bench:load`: 200 signed-in sessions (200 different partner admins, each signed in
 * through the real credentials sign-in) over the dashboard, the accounts list, the users list of an
 * account of 10,000 users and a user's page, against the production build served the way
 * `npm start` serves it (`BENCH_TOPOLOGY=on`: `npm run topology`), with the job workers on, and
 * browser-like headers (gzip). After each page is checked for 200 and timed alone, two runs of
 * `BENCH_SECONDS` (60):
 *   - browsing: each session pauses `BENCH_THINK_SECONDS` (10) on average between pages, the
 *     latency a person sees on a busy portal;
 *   - saturation (autocannon): each session sends its next request as soon as the last one
 *     answered, the throughput of this machine (latency then is mostly waiting in line).
 * Prints requests/s, p50/p95/p99 and errors (connection errors, timeouts and any answer but 200,
 * so a session bounced to the sign-in page counts); asserts none. Throwaway database on
 * DATABASE_URL's server, else the embedded PostgreSQL.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { startBenchPortal } from './bench-portal';
import { benchDatabase } from './bench-database';
import { waitForHealth } from './wait-for-health';

const PORT = 3250;
const BASE = `http://localhost:${PORT}`;
const PASSWORD = 'bench-pass-123';
const SESSIONS = 200;
const USERS = 10_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
/** Average pause between two pages of one session while browsing. */
const THINK_SECONDS = Number(process.env.BENCH_THINK_SECONDS ?? 10);
/** BENCH_TOPOLOGY=on: against `npm run topology` (two web processes behind its reverse proxy) instead of `npm start`. */
const TOPOLOGY = process.env.BENCH_TOPOLOGY === 'on';

const database = await benchDatabase('load');

const startPortal = () => startBenchPortal({ databaseUrl: database.url, port: PORT, appUrl: BASE, password: PASSWORD, script: TOPOLOGY ? ['scripts/topology.ts'] : undefined });

/** 199 more partner admins of Northwind (the demo partner's password) and 10,000 users in Contoso. */
async function fill(sql: postgres.Sql): Promise<{ contosoId: string; userIds: string[]; emails: string[] }> {
  const [partner] = await sql`select partner_org_id, role_id, password_hash from users where email = 'partner@northwind.example'`;
  const [contoso] = await sql`select id, partner_org_id from accounts where name = 'Contoso Ltd'`;
  await sql`
    insert into users (partner_org_id, email, first_name, last_name, display_name, role_id, password_hash, registered_at)
    select ${partner!.partner_org_id}, 'partner' || g || '@northwind.example', 'Partner', 'Admin ' || g, 'Partner Admin ' || g,
           ${partner!.role_id}, ${partner!.password_hash}, now()
    from generate_series(2, ${SESSIONS}::int) g`;
  await sql`
    insert into users (partner_org_id, account_id, email, first_name, last_name, display_name, role_id, mobile)
    select ${contoso!.partner_org_id}, ${contoso!.id}, 'load.user' || g || '@contoso.example', 'Load', 'User ' || g, 'Load User ' || g,
           (select id from roles where key = 'user'), '+3161' || lpad(g::text, 7, '0')
    from generate_series(1, ${USERS}::int) g`;
  await sql`analyze users`;
  const sample = await sql`select id from users where account_id = ${contoso!.id} order by random() limit 100`;
  const emails = ['partner@northwind.example', ...Array.from({ length: SESSIONS - 1 }, (_, i) => `partner${i + 2}@northwind.example`)];
  return { contosoId: contoso!.id as string, userIds: sample.map((r) => r.id as string), emails };
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** Signs in through next-auth's credentials callback, as the sign-in form does; the session cookie. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${BASE}/dashboard`, json: 'true' }),
  });
  const session = cookiesOf(response).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`${email} did not get a session (${response.status})`);
  return session;
}

interface Paths {
  fixed: string[];
  userPages: string[];
}

interface Run {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  detail: string;
}

/** Browser-like request headers of one session. */
const headersOf = (cookie: string) => ({ cookie, accept: 'text/html', 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en-GB,en;q=0.8' });

function summary(seconds: number, times: number[], statuses: Map<number, number>, failures: { errors: number; timeouts: number }): Run {
  const non200 = [...statuses].filter(([s]) => s !== 200);
  return {
    requests: times.length,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: percentile(times, 100),
    errors: failures.errors + failures.timeouts + non200.reduce((n, [, c]) => n + c, 0),
    detail: `${failures.errors} connection errors, ${failures.timeouts} timeouts${non200.length ? ', ' + non200.map(([s, c]) => `${c}× ${s}`).join(', ') : ''}`,
  };
}

/**
 * Closed loop with autocannon: each of the sessions sends its next request the moment the last
 * one answered (dashboard → accounts → users list → a user's page, round and round).
 */
function saturate(cookies: string[], paths: Paths, seconds: number): Promise<Run> {
  let nextSession = 0;
  let nextUser = 0;
  const statuses = new Map<number, number>();
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: BASE,
        connections: cookies.length,
        duration: seconds,
        timeout: 30,
        // Each connection is one session: its own request objects (autocannon shares the
        // `requests` given here between connections), each with that session's cookie.
        setupClient: (client) => {
          const headers = headersOf(cookies[nextSession++ % cookies.length]!);
          client.setRequests([
            ...paths.fixed.map((path) => ({ method: 'GET' as const, path, headers })),
            { method: 'GET' as const, headers, setupRequest: (req) => ({ ...req, path: paths.userPages[nextUser++ % paths.userPages.length]! }) },
          ]);
        },
      },
      (error, result) => (error ? reject(error) : resolve(summary(seconds, times, statuses, result))),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      times.push(responseTime);
    });
  });
}

/**
 * People at work: each session opens a page, reads it for a while (exponentially distributed,
 * `thinkSeconds` on average) and opens the next, for `seconds`. autocannon's own rate limit
 * can't model this: below one request per second per connection it drops connections and sends
 * the rest in lock-step bursts at the top of each second.
 */
async function browse(cookies: string[], paths: Paths, seconds: number, thinkSeconds: number): Promise<Run> {
  const statuses = new Map<number, number>();
  const times: number[] = [];
  const failures = { errors: 0, timeouts: 0 };
  const until = performance.now() + seconds * 1000;
  const think = () => sleep(-Math.log(1 - Math.random()) * thinkSeconds * 1000);
  let nextUser = 0;
  await Promise.all(
    cookies.map(async (cookie, session) => {
      const headers = headersOf(cookie);
      await sleep(Math.random() * thinkSeconds * 1000);
      for (let n = session; performance.now() < until; n++) {
        const step = n % (paths.fixed.length + 1);
        const path = step < paths.fixed.length ? paths.fixed[step]! : paths.userPages[nextUser++ % paths.userPages.length]!;
        const started = performance.now();
        try {
          const response = await fetch(`${BASE}${path}`, { redirect: 'manual', headers, signal: AbortSignal.timeout(30_000) });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          times.push(performance.now() - started);
        } catch (e) {
          if (e instanceof Error && e.name === 'TimeoutError') failures.timeouts++;
          else failures.errors++;
        }
        await think();
      }
    }),
  );
  return summary(seconds, times, statuses, failures);
}

/** The p-th percentile (nearest rank) of the response times, in whole milliseconds (autocannon itself reports no p95). */
function percentile(times: number[], p: number): number {
  if (times.length === 0) return NaN;
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

/** Every page must answer a signed-in session with 200 before the load starts, or the figures mean nothing. */
async function preflight(cookies: string[], list: string[]) {
  const bad: string[] = [];
  for (const [i, cookie] of cookies.entries()) for (const path of list) {
    const response = await fetch(`${BASE}${path}`, { redirect: 'manual', headers: headersOf(cookie) });
    if (response.status !== 200) bad.push(`session ${i} ${path} answered ${response.status} ${response.headers.get('location') ?? ''}`);
  }
  if (bad.length) throw new Error(bad.slice(0, 20).join('\n') + `\n(${bad.length} in all)`);
}

/** Median time of each page for one session with nothing else running: what a page costs by itself. */
async function unloaded(cookie: string, list: string[]): Promise<string> {
  const out: string[] = [];
  for (const path of list) {
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const started = performance.now();
      await (await fetch(`${BASE}${path}`, { headers: headersOf(cookie) })).arrayBuffer();
      times.push(performance.now() - started);
    }
    out.push(`${path.replace(/[0-9a-f-]{36}/g, ':id')} ${percentile(times, 50)} ms`);
  }
  return out.join(' · ');
}

const portal = startPortal();
let failed = false;
try {
  process.stderr.write('bench:load: starting the portal (production build) …\n');
  await waitForHealth(portal, BASE);
  const sql = postgres(database.url, { max: 2, onnotice: () => undefined });
  const { contosoId, userIds, emails } = await fill(sql);
  await sql.end();

  process.stderr.write(`  signing in ${SESSIONS} partner admins …\n`);
  const cookies: string[] = [];
  for (let i = 0; i < emails.length; i += 10) cookies.push(...(await Promise.all(emails.slice(i, i + 10).map(signIn))));

  const paths: Paths = {
    fixed: ['/dashboard', '/accounts', `/accounts/${contosoId}/users`],
    userPages: userIds.map((id) => `/accounts/${contosoId}/users/${id}`),
  };
  await preflight(cookies, [...paths.fixed, paths.userPages[0]!]);
  const alone = await unloaded(cookies[0]!, [...paths.fixed, paths.userPages[0]!]);
  process.stderr.write('  warm-up: 10 s …\n');
  await browse(cookies, paths, 10, 5);
  process.stderr.write(`  browsing (${THINK_SECONDS} s per page on average): ${SECONDS} s …\n`);
  const browsing = await browse(cookies, paths, SECONDS, THINK_SECONDS);
  process.stderr.write(`  saturation: ${SECONDS} s …\n`);
  const saturation = await saturate(cookies, paths, SECONDS);

  const ms = (n: number) => `${String(Math.round(n)).padStart(5)} ms`;
  const line = (name: string, r: Run) =>
    `  ${name.padEnd(34)} ${r.rps.toFixed(1).padStart(6)} req/s  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  ${r.requests} requests, ${r.errors} errors (${r.detail})`;
  console.log(`load benchmark (${TOPOLOGY ? 'npm run topology: 2 web processes behind the reverse proxy' : 'npm start: one web process'}): ${SESSIONS} signed-in sessions, ${SECONDS} s per run,`);
  console.log(`dashboard · accounts · users list (${USERS.toLocaleString('en')} users) · user page`);
  console.log(`  one request at a time (median of 9): ${alone}`);
  console.log(line(`browsing (${THINK_SECONDS} s think time)`, browsing));
  console.log(line('saturation (no think time)', saturation));
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  portal.kill('SIGTERM');
  await new Promise((r) => (portal.exitCode === null ? portal.once('exit', r) : r(null)));
  await database.drop();
}
process.exit(failed ? 1 : 0);
