/**
 * `npm run bench:pbx-sync`: the PBX sync (GW-3, GW-4) of an MX-ONE with N users (BENCH_SIZES,
 * default 5000,25000; issue target: first sync of 5,000 users < 10 s, a re-sync with no changes
 * < 3 s), through the real protocol: the gateway simulator (simulators/gateway, in this process,
 * 5,000 users with the CloudLink role, MX-ONE's limit, every 40th user without an e-mail)
 * long-polls the protocol's route handler served on a local port in this process
 * (tests/integration/gateway/serve-protocol), and lib/adapters/pbx sends it its commands over the
 * database queue and LISTEN/NOTIFY. Per size: a fresh account of the demo partner, the gateway
 * claimed, its site and PBX configured through the wizard's commands and their jobs (the portal's
 * own workers; not timed). Then `runSync(accountId)` is called directly and timed three times:
 *   - the first sync (every PBX user created);
 *   - a re-sync with nothing changed on the PBX;
 *   - a re-sync after 1% of the users were changed on the PBX (a new last name each).
 * Each time is split into staging (beginUserSync, then fetchUsers pages of 1000, each staged in
 * its own transaction) and applying (one transaction). The job queue's pick-up (Connect / Sync
 * now, ≤ 1 s of polling) is not in these figures; the simulator's own work (serialising the pages)
 * is, since it shares this process. RSS is this whole process (portal side, simulator, snapshots)
 * after each phase, and its peak so far; CPU is this process's (user + system) during the phase,
 * the rest of the wall time being PostgreSQL. Throwaway database on DATABASE_URL's server, else the
 * embedded PostgreSQL. Prints figures and asserts none; exits 1 only when a count is wrong.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { startGatewaySimulator, type GatewaySimulator } from '../../simulators/gateway/index.mjs';
import { benchDatabase } from './bench-database';

const SIZES = (process.env.BENCH_SIZES ?? '5000,25000').split(',').map((s) => Number(s.trim()));
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SIZES must be whole numbers separated by commas (got ${process.env.BENCH_SIZES})`);
/** The simulator's default: every 40th PBX user has no e-mail and is skipped. */
const MISSING_EMAIL_EVERY = 40;
const SITE = {
  name: 'Head office',
  address: { street: 'Main Street 1', city: 'London', postalCode: 'EC1A 1BB', province: '', country: 'GB' },
  ethernet: { port1: { mode: 'dhcp' }, port2: { mode: 'disabled' } },
} as const;

const database = await benchDatabase('pbxsync');
// The secret store's key, as `npm start` would generate it (the PBX password is sealed with it).
process.env.SECRETS_KEY ??= randomBytes(32).toString('base64url');

// The app's modules read DATABASE_URL when first used, so they are loaded after it is set.
const { closeDb, db } = await import('../../db/client');
const { seedDemo } = await import('../../lib/seed/demo');
const { loadActorForJob } = await import('../../lib/auth/load-actor');
const { claimGateway } = await import('../../lib/gateway/claim-gateway');
const { configureGatewaySite } = await import('../../lib/gateway/configure-site');
const { configureGatewayPbx } = await import('../../lib/gateway/configure-pbx');
const { runSync } = await import('../../lib/gateway/sync/run-sync');
const { startWorkers } = await import('../../lib/jobs/workers');
const { stopBoss } = await import('../../lib/jobs/boss');
const { closeHub } = await import('../../lib/gateway/protocol/hub');
const { serveGatewayProtocol } = await import('../integration/gateway/serve-protocol');

type Actor = NonNullable<Awaited<ReturnType<typeof loadActorForJob>>>;
type Summary = Awaited<ReturnType<typeof runSync>>;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rss = () => `RSS ${mb(process.memoryUsage().rss)} (peak ${mb(process.resourceUsage().maxRSS * 1024)})`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function waitForNotification(sql: postgres.Sql, id: string, timeoutMs = 120_000): Promise<{ status: string; title_key: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ status: string; title_key: string }[]>`select status, title_key from notifications where id = ${id}`;
    if (row && row.status !== 'running') return row;
    if (Date.now() > until) throw new Error(`notification ${id} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A fresh account of the demo partner with the CloudLink Gateway integration added. */
async function newAccount(sql: postgres.Sql, name: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into accounts (partner_org_id, name, country)
    values ((select partner_org_id from users where email = 'partner@northwind.example'), ${name}, 'GB') returning id`;
  await sql`insert into account_integrations (account_id, integration_id, version) values (${row!.id}, 'cloudlinkGateway', 1)`;
  return row!.id;
}

/** Claim by link code, then the wizard's site and PBX steps (each a job run by the workers). */
async function onboard(sql: postgres.Sql, actor: Actor, accountId: string, sim: GatewaySimulator): Promise<void> {
  const ctx = { actor };
  await claimGateway({ ctx, input: { accountId, linkCode: sim.linkCode() } });
  await sim.waitFor((s) => s.claimed && s.online, 30_000);
  const site = await waitForNotification(sql, (await configureGatewaySite({ ctx, input: { accountId, site: SITE } })).notificationId);
  if (site.status !== 'success') throw new Error(`site step: ${site.status} ${site.title_key}`);
  const pbx = await waitForNotification(sql, (await configureGatewayPbx({ ctx, input: { accountId, pbx: { type: 'mxone', address: '10.0.0.5', username: 'admin', password: 'mitel' } } })).notificationId);
  if (pbx.status !== 'success') throw new Error(`PBX step: ${pbx.status} ${pbx.title_key}`);
}

/** runSync timed, split at the end of staging (its progress reaches 85 just before the write transaction). */
async function timedSync(accountId: string): Promise<{ summary: Summary; total: number; staging: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let staged = 0;
  const summary = await runSync(accountId, async (percent) => {
    if (percent === 85) staged = performance.now();
  });
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  return { summary, total: end - start, staging: (staged || end) - start, cpu: (used.user + used.system) / 1000 };
}

const problems: string[] = [];
function check(what: string, actual: unknown, wanted: unknown) {
  if (actual !== wanted) problems.push(`${what}: ${String(actual)}, expected ${String(wanted)}`);
}

const server = await serveGatewayProtocol();
const sims: GatewaySimulator[] = [];
let failed = false;
try {
  const sql = postgres(database.url, { max: 2, onnotice: () => undefined });
  await seedDemo(db(), randomBytes(9).toString('base64url'));
  const [partner] = await sql<{ id: string }[]>`select id from users where email = 'partner@northwind.example'`;
  const actor = await loadActorForJob(db(), partner!.id);
  if (!actor) throw new Error('the demo partner has no actor');
  await startWorkers();

  console.log(`PBX sync benchmark: MX-ONE, 5,000 users with the CloudLink role, every ${MISSING_EMAIL_EVERY}th user without an e-mail; runSync timed (staging + applying).`);
  console.log(`Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other programs), ${rss()} at the start.\n`);
  for (const size of SIZES) {
    const label = size.toLocaleString('en');
    process.stderr.write(`bench:pbx-sync: ${label} users: starting the simulator and onboarding …\n`);
    const accountId = await newAccount(sql, `PBX Sync ${label}`);
    const sim = await startGatewaySimulator({
      portal: server.url,
      pbx: 'mxone',
      users: size,
      roleUsers: 5000,
      stateFile: null,
      controlPort: null,
      hardwareId: `BENCH-PBXSYNC-${size}-${process.pid}`,
      emailDomain: `pbx${size}.bench.example`,
      pollWait: 5,
      claimPollMs: 200,
    });
    sims.push(sim);
    await sim.waitFor((s) => s.gatewayId !== null, 30_000);
    await onboard(sql, actor, accountId, sim);
    const withEmail = size - Math.floor(size / MISSING_EMAIL_EVERY);
    console.log(`${label} PBX users (${withEmail.toLocaleString('en')} with an e-mail), onboarded; ${rss()}`);

    const line = (name: string, t: Awaited<ReturnType<typeof timedSync>>) =>
      console.log(
        `  ${name.padEnd(36)} ${seconds(t.total).padStart(8)}  (staging ${seconds(t.staging)}, applying ${seconds(t.total - t.staging)}; CPU of this process ${seconds(t.cpu)})  ` +
          `created ${t.summary.created}, updated ${t.summary.updated}, inactivated ${t.summary.inactivated}, unchanged ${t.summary.unchanged}, skipped ${t.summary.skippedCount}; ${rss()}`,
      );

    const first = await timedSync(accountId);
    line('first sync', first);
    check(`${label}: first sync created`, first.summary.created, withEmail);
    check(`${label}: first sync skipped`, first.summary.skippedCount, size - withEmail);
    const [counts] = await sql<{ users: number; mirror: number }[]>`
      select (select count(*)::int from users where account_id = ${accountId} and source = 'pbx' and not inactive) as users,
             (select count(*)::int from pbx_users where account_id = ${accountId}) as mirror`;
    check(`${label}: PBX users in the account`, counts!.users, withEmail);
    check(`${label}: mirror rows`, counts!.mirror, size);

    const again = await timedSync(accountId);
    line('re-sync, no changes', again);
    check(`${label}: unchanged re-sync created`, again.summary.created, 0);
    check(`${label}: unchanged re-sync updated`, again.summary.updated, 0);
    check(`${label}: unchanged re-sync inactivated`, again.summary.inactivated, 0);

    // 1% of the users, spread over the PBX, all with an e-mail: a new last name each.
    const changes = Math.max(1, Math.round(size / 100));
    const step = Math.floor(size / changes);
    let changed = 0;
    for (let n = 1; changed < changes && n <= size; n += step) {
      const k = n % MISSING_EMAIL_EVERY === 0 ? n + 1 : n;
      sim.updateUser(`u-${k}`, { lastName: `Changed ${k}` });
      changed++;
    }
    const changedSync = await timedSync(accountId);
    line(`re-sync, ${changed.toLocaleString('en')} users (1%) changed`, changedSync);
    check(`${label}: 1% re-sync created`, changedSync.summary.created, 0);
    check(`${label}: 1% re-sync updated`, changedSync.summary.updated, changed);
    check(`${label}: 1% re-sync inactivated`, changedSync.summary.inactivated, 0);
    const [renamed] = await sql<{ n: number }[]>`select count(*)::int as n from users where account_id = ${accountId} and last_name like 'Changed %'`;
    check(`${label}: users renamed in the account`, renamed!.n, changed);
    const [kept] = await sql<{ n: number; size: string }[]>`
      select count(*)::int as n, pg_size_pretty(sum(pg_column_size(result))) as size from gateway_commands where account_id = ${accountId}`;
    console.log(`  gateway_commands rows kept for this account after the three syncs: ${kept!.n}, results ${kept!.size}\n`);

    await sim.stop();
    sims.splice(sims.indexOf(sim), 1);
  }
  await sql.end();
  if (problems.length) {
    failed = true;
    console.error(`WRONG COUNTS:\n  ${problems.join('\n  ')}`);
  } else console.log('Counts as expected: every PBX user with an e-mail created once; re-syncs created, updated and inactivated only what changed.');
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await Promise.all(sims.map((s) => s.stop()));
  await server.close();
  await stopBoss();
  await closeHub();
  await closeDb();
  await database.drop();
}
process.exit(failed ? 1 : 0);
