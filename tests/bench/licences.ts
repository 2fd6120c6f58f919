/**
 * `npm run bench:licences`: licence changes in bulk (ORD-5, M1-2, MTM-1) on an account with 10,000
 * users, through the real `applyLicences` and `licenceOverview`: each change is one transaction
 * holding the account's licence lock, with one audit event per changed user. Builds a throwaway
 * database (DATABASE_URL's server when set, else the embedded PostgreSQL). Prints figures; asserts none.
 */
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { benchDatabase } from './bench-database';

const USERS = 10_000;
const database = await benchDatabase('licences');

// The app's modules read DATABASE_URL when first used, so they are loaded after it is set.
const { closeDb, db } = await import('../../db/client');
const { loadActorForJob } = await import('../../lib/auth/load-actor');
const { applyLicences } = await import('../../lib/licences/apply-licences');
const { licenceOverview } = await import('../../lib/licences/licence-overview');

async function fill(sql: postgres.Sql): Promise<{ accountId: string; partnerId: string }> {
  const [org] = await sql`insert into partner_orgs (name, billing_account) values ('Bench Partners', '0010000001') returning id`;
  const [account] = await sql`insert into accounts (partner_org_id, name, country) values (${org!.id}, 'Bench Account', 'NL') returning id`;
  const [partner] = await sql`
    insert into users (partner_org_id, email, display_name, role_id, registered_at)
    values (${org!.id}, 'partner@bench.example', 'Bench Partner', (select id from roles where key = 'partner'), now()) returning id`;
  await sql`
    insert into users (partner_org_id, account_id, email, display_name, role_id)
    select ${org!.id}, ${account!.id}, 'user' || g || '@bench.example', 'User ' || g, (select id from roles where key = 'user')
    from generate_series(1, ${USERS}::int) g`;
  for (const [product, level, count] of [
    ['mitelOne', 'premier', USERS],
    ['mitelOne', 'essential', USERS / 2],
    ['miteamMeetings', null, USERS],
  ] as const) {
    await sql`
      insert into orders (partner_org_id, account_id, sap_order_id, product, level, licence_count, purchase_date, expires_on, tracking_number)
      values (${org!.id}, ${account!.id}, ${`SAP-BENCH-${product}-${level}`}, ${product}, ${level}, ${count}, '2026-01-01', '2099-12-31', 'TRK-BENCH')`;
  }
  await sql`
    insert into account_integrations (account_id, integration_id, version, settings)
    values (${account!.id}, 'mitelOne', 2, '{}'), (${account!.id}, 'miteamMeetings', 1, '{}')`;
  await sql`analyze`;
  return { accountId: account!.id, partnerId: partner!.id };
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

try {
  const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  const { accountId, partnerId } = await fill(sql);
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
  await sql.end();
} finally {
  await closeDb();
  await database.drop();
}
