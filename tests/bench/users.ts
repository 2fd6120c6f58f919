/**
 * `npm run bench:users`: the users list (USR-1) of an account with 100,000 users. Builds a
 * throwaway database (on DATABASE_URL's server when set, else the embedded PostgreSQL), fills it
 * with INSERT … SELECT generate_series, ANALYZEs, then times the real `listUsers` query function
 * and prints p50/p95 per scenario. Prints figures; asserts none.
 */
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { benchDatabase } from './bench-database';

const USERS = 100_000;
const OTHER_ACCOUNT_USERS = 10_000;
const RUNS = 30;
const WARMUP = 3;

const database = await benchDatabase('users');

// The app's modules read DATABASE_URL when first used, so they are loaded after it is set.
const { closeDb, db } = await import('../../db/client');
const { loadActorForJob } = await import('../../lib/auth/load-actor');
const { listUsers } = await import('../../lib/users/list-users');

async function fill(sql: postgres.Sql): Promise<{ accountId: string; partnerId: string }> {
  const [org] = await sql`insert into partner_orgs (name) values ('Bench Partners') returning id`;
  const [account] = await sql`insert into accounts (partner_org_id, name, country) values (${org!.id}, 'Bench Account', 'NL') returning id`;
  const [other] = await sql`insert into accounts (partner_org_id, name, country) values (${org!.id}, 'Other Account', 'NL') returning id`;
  const [partner] = await sql`
    insert into users (partner_org_id, email, display_name, role_id, registered_at)
    values (${org!.id}, 'partner@bench.example', 'Bench Partner', (select id from roles where key = 'partner'), now()) returning id`;
  const firsts = ['Anna', 'Bram', 'Chloé', 'Daan', 'Emma', 'Finn', 'Greta', 'Hugo', 'Iris', 'Jules', 'Kees', 'Lotte', 'Milan', 'Noor', 'Olaf', 'Pia', 'Quinn', 'Ruben', 'Sanne', 'Tess'];
  const lasts = ['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Dijk', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van den Berg', 'van der Heijden', 'Schouten', 'van Beek', 'Willems', 'van Vliet', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster', 'van Dam', 'Prins', 'Blom', 'Huisman', 'Peeters', 'de Jong', 'Martens', 'Wouters', 'Claes', 'Maes', 'Goossens', 'Lambert', 'Dubois', 'Leroy', 'Moreau'];
  const insertUsers = (accountId: string, count: number, prefix: string) => sql`
    insert into users (partner_org_id, account_id, email, first_name, last_name, display_name, role_id, registered_at, source, inactive, iot_connected, updated_at, updated_by)
    select ${org!.id}, ${accountId}, ${prefix}::text || g || '@bench.example', f, l, f || ' ' || l,
      (select id from roles where key = (case when g % 40 = 0 then 'admin' else 'user' end)::base_role),
      case when g % 10 < 4 then now() - g * interval '1 minute' end,
      (case when g % 9 = 0 then 'pbx' when g % 31 = 0 then 'micloud' else 'portal' end)::user_source,
      g % 97 = 0, g % 53 = 0,
      now() - g * interval '1 second', 'Bench Partner'
    from generate_series(1, ${count}::int) g,
      lateral (select (${firsts}::text[])[1 + g % ${firsts.length}] as f, (${lasts}::text[])[1 + (g / ${firsts.length}) % ${lasts.length}] as l) n`;
  await insertUsers(account!.id, USERS, 'user');
  await insertUsers(other!.id, OTHER_ACCOUNT_USERS, 'other');
  // About 70% of the users have an extension (4 to 5 digits), in both accounts.
  await sql`
    insert into user_extensions (account_id, extension, user_id)
    select account_id, (1000 + row_number() over (partition by account_id order by id))::text, id
    from users where account_id is not null and abs(hashtext(id::text)) % 10 < 7`;
  await sql`analyze`;
  return { accountId: account!.id, partnerId: partner!.id };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(label: string, run: () => Promise<{ rows: unknown[]; total: number }>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await run();
  const ms: number[] = [];
  let last: { rows: unknown[]; total: number } | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    last = await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const fmt = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  console.log(`${label.padEnd(44)} p50 ${fmt(percentile(ms, 50))}   p95 ${fmt(percentile(ms, 95))}   (${last!.rows.length} rows of ${last!.total})`);
}

try {
  const sql = postgres(database.url, { max: 1, onnotice: () => undefined });
  const started = performance.now();
  const { accountId, partnerId } = await fill(sql);
  await sql.end();
  console.log(`Filled ${USERS.toLocaleString('en')} users (+${OTHER_ACCOUNT_USERS.toLocaleString('en')} in another account) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${RUNS} runs each after ${WARMUP} warm-ups.\n`);

  const actor = await loadActorForJob(db(), partnerId);
  if (!actor) throw new Error('the bench partner has no actor');
  const list = (params: Record<string, string>) => listUsers(db(), actor, accountId, params);

  await time('first page (by name)', () => list({}));
  await time('search by name prefix "jans"', () => list({ q: 'jans' }));
  await time('search by extension "1234"', () => list({ q: '1234' }));
  await time('search by one letter "e" (first keystroke)', () => list({ q: 'e' }));
  await time('filter Registered', () => list({ filter: 'registered' }));

  let cursor: string | null = null;
  for (let page = 1; page < 500; page++) {
    const result: { nextCursor: string | null } = await list(cursor ? { cursor } : {});
    cursor = result.nextCursor;
    if (!cursor) throw new Error(`the list ended at page ${page}`);
  }
  const page500Cursor = cursor!;
  await time('page 500 by keyset (cursor of page 499)', () => list({ cursor: page500Cursor }));
  await time('first page sorted by modified, desc', () => list({ sort: 'modified', dir: 'desc' }));
} finally {
  await closeDb();
  await database.drop();
}
