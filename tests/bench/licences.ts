/**
 * `npm run bench:licences`: licence changes in bulk (ORD-5, M1-2, MTM-1) on an account with 10,000
 * users, through the real `applyLicences` and `licenceOverview`: each change is one transaction
 * holding the account's licence lock, with one audit event per changed user. Then an account of
 * 100,000 users, whose changes go through `requestLicences` as licences-bulk jobs run by the
 * portal's own workers: the request's latency, the job's duration to its last notification update,
 * and how long a single assignment on the same account waits meanwhile. Builds a throwaway
 * database (DATABASE_URL's server when set, else the embedded PostgreSQL). Prints figures; asserts none.
 */
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import type { Actor } from '../../lib/authz/types';
import { benchDatabase } from './bench-database';

const USERS = 10_000;
const JOB_USERS = 100_000;
const database = await benchDatabase('licences');

// The app's modules read DATABASE_URL when first used, so they are loaded after it is set.
const { closeDb, db } = await import('../../db/client');
const { loadActorForJob } = await import('../../lib/auth/load-actor');
const { applyLicences } = await import('../../lib/licences/apply-licences');
const { licenceOverview } = await import('../../lib/licences/licence-overview');
const { requestLicences } = await import('../../lib/licences/request-licences');
const { startWorkers } = await import('../../lib/jobs/workers');
const { stopBoss } = await import('../../lib/jobs/boss');

async function fill(sql: postgres.Sql): Promise<{ orgId: string; partnerId: string }> {
  const [org] = await sql`insert into partner_orgs (name, billing_account) values ('Bench Partners', '0010000001') returning id`;
  const [partner] = await sql`
    insert into users (partner_org_id, email, display_name, role_id, registered_at)
    values (${org!.id}, 'partner@bench.example', 'Bench Partner', (select id from roles where key = 'partner'), now()) returning id`;
  return { orgId: org!.id, partnerId: partner!.id };
}

/** An account of `size` users with Mitel One and MiTeam Meetings, and orders of `[product, level, count]`. */
async function account(sql: postgres.Sql, orgId: string, name: string, size: number, owned: readonly (readonly ['mitelOne' | 'miteamMeetings', string | null, number])[]): Promise<string> {
  const [row] = await sql`insert into accounts (partner_org_id, name, country) values (${orgId}, ${name}, 'NL') returning id`;
  const id = row!.id as string;
  await sql`
    insert into users (partner_org_id, account_id, email, display_name, role_id)
    select ${orgId}, ${id}, 'user' || g || '-' || ${id} || '@bench.example', 'User ' || g, (select id from roles where key = 'user')
    from generate_series(1, ${size}::int) g`;
  for (const [product, level, count] of owned) {
    await sql`
      insert into orders (partner_org_id, account_id, sap_order_id, product, level, licence_count, purchase_date, expires_on, tracking_number)
      values (${orgId}, ${id}, ${`SAP-BENCH-${id}-${product}-${level}`}, ${product}, ${level}, ${count}, '2026-01-01', '2099-12-31', 'TRK-BENCH')`;
  }
  await sql`
    insert into account_integrations (account_id, integration_id, version, settings)
    values (${id}, 'mitelOne', 2, '{}'), (${id}, 'miteamMeetings', 1, '{}')`;
  await sql`analyze`;
  return id;
}

async function time<T>(label: string, run: () => Promise<T>, show: (result: T) => string): Promise<void> {
  const start = performance.now();
  let outcome: string;
  try {
    outcome = show(await run());
  } catch (e) {
    outcome = `refused: ${(e as { messageKey?: string; params?: object }).messageKey} ${JSON.stringify((e as { params?: object }).params ?? {})}`;
  }
  console.log(`${label.padEnd(58)} ${`${(performance.now() - start).toFixed(0)} ms`.padStart(8)}   ${outcome}`);
}

/**
 * One change of every user of the account through requestLicences, then its job to the end (polled
 * every 50 ms, as the dialog polls every second). With `singleUserId`, a single Essential
 * assignment on the same account is made while the job runs: it waits for the job's licence lock.
 */
async function job(sql: postgres.Sql, actor: Actor, accountId: string, label: string, change: object, singleUserId?: string): Promise<void> {
  const start = performance.now();
  const result = await requestLicences({ ctx: { actor }, input: { accountId, userIds: null, change } });
  const requested = performance.now() - start;
  if (result.mode !== 'job') throw new Error(`${label}: expected a job`);
  let firstProgress = 0;
  let singleWait: Promise<number> | null = null;
  for (;;) {
    const [note] = await sql<{ status: string; progress: number; params: Record<string, number> }[]>`select status, progress, params from notifications where id = ${result.notificationId}`;
    if (note!.status !== 'running') {
      const total = performance.now() - start;
      const waited = singleWait ? ` · a single assignment meanwhile waited ${(await singleWait).toFixed(0)} ms` : '';
      console.log(`${label.padEnd(46)} request ${`${requested.toFixed(0)} ms`.padStart(7)} · first progress ${`${firstProgress.toFixed(0)} ms`.padStart(7)} · done ${`${total.toFixed(0)} ms`.padStart(8)}   ${note!.status}: ${note!.params.count?.toLocaleString('en')} users${waited}`);
      return;
    }
    if (!firstProgress && note!.progress > 0) {
      firstProgress = performance.now() - start;
      if (singleUserId) {
        const t0 = performance.now();
        singleWait = applyLicences({ ctx: { actor }, input: { accountId, userIds: [singleUserId], change: { product: 'mitelOne', level: 'essential' } } }).then(() => performance.now() - t0);
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

try {
  const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  const { orgId, partnerId } = await fill(sql);
  const accountId = await account(sql, orgId, 'Bench Account', USERS, [
    ['mitelOne', 'premier', USERS],
    ['mitelOne', 'essential', USERS / 2],
    ['miteamMeetings', null, USERS],
  ]);
  const actor = await loadActorForJob(db(), partnerId);
  if (!actor) throw new Error('the bench partner has no actor');
  const ids = (await sql<{ id: string }[]>`select id from users where account_id = ${accountId} order by id`).map((r) => r.id);
  console.log(`An account of ${USERS.toLocaleString('en')} users; Premier ${USERS.toLocaleString('en')}, Essential ${(USERS / 2).toLocaleString('en')} and MiTeam ${USERS.toLocaleString('en')} licences.\n`);

  const apply = (userIds: string[] | null, change: object) => () => applyLicences({ ctx: { actor }, input: { accountId, userIds, change } });
  const changed = (r: { changed: number }) => `${r.changed.toLocaleString('en')} users changed`;
  await time('overview, every user', () => licenceOverview(db(), actor, { accountId, userIds: null }), (o) => `${o.selected} users`);
  await time('Mitel One Premier for every user', apply(null, { product: 'mitelOne', level: 'premier' }), changed);
  await time('Telephony off for every user (features only)', apply(null, { product: 'mitelOne', level: 'unchanged', features: { telephony: 'off' } }), changed);
  await time('Essential for a selection of 5,000 (ids sent)', apply(ids.slice(0, 5_000), { product: 'mitelOne', level: 'essential' }), changed);
  await time('Essential for one more (refused: none free)', apply(ids.slice(5_000, 5_001), { product: 'mitelOne', level: 'essential' }), changed);
  await time('overview, a selection of 5,000', () => licenceOverview(db(), actor, { accountId, userIds: ids.slice(0, 5_000) }), (o) => `${o.selected} users`);
  await time('MiTeam Meetings for every user', apply(null, { product: 'miteamMeetings', assign: true }), changed);
  await time('MiTeam Meetings unassigned from every user', apply(null, { product: 'miteamMeetings', assign: false }), changed);
  await time('Mitel One deactivated for every user', apply(null, { product: 'mitelOne', level: 'deactivate' }), changed);
  const [events] = await sql<{ n: number }[]>`select count(*)::int as n from events where asset = 'Licence'`;
  console.log(`\n${events!.n.toLocaleString('en')} licence events recorded (one per changed user and change).`);

  const bigId = await account(sql, orgId, 'Bench Account 100k', JOB_USERS, [
    ['mitelOne', 'premier', JOB_USERS],
    ['mitelOne', 'essential', 1],
    ['miteamMeetings', null, JOB_USERS],
  ]);
  const [single] = await sql<{ id: string }[]>`select id from users where account_id = ${bigId} limit 1`;
  await startWorkers();
  console.log(`\nAn account of ${JOB_USERS.toLocaleString('en')} users: each change below is a licences-bulk job run by the portal's workers.\n`);
  await job(sql, actor, bigId, 'Mitel One Premier for every user (job)', { product: 'mitelOne', level: 'premier' }, single!.id);
  await job(sql, actor, bigId, 'MiTeam Meetings for every user (job)', { product: 'miteamMeetings', assign: true });
  await job(sql, actor, bigId, 'Mitel One deactivated for every user (job)', { product: 'mitelOne', level: 'deactivate' });
  await sql.end();
} finally {
  await stopBoss();
  await closeDb();
  await database.drop();
}
