import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@/db/client';
import { runAction } from '@/lib/actions/run-action';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { freePort } from '../bootstrap/free-port';

/**
 * The errors the real driver raises while PostgreSQL restarts are told apart from the others,
 * and a server action then answers "try again in a moment" (503) instead of "something went wrong".
 */

const opened: postgres.Sql[] = [];
afterAll(async () => {
  for (const client of opened) await client.end({ timeout: 1 });
});

function database(url: string) {
  const made = createDb(url, 2);
  opened.push(made.sql);
  return made.db;
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

describe('a database that cannot be reached', () => {
  it('nothing listening (the server is down): the query fails as unavailable and the action says try again', async () => {
    const down = database(`postgres://portal:portal@127.0.0.1:${await freePort()}/portal`);
    expect(isDatabaseUnavailable(await failure(down.execute(sql`select 1`)))).toBe(true);
    expect(await runAction(() => down.execute(sql`select 1`))).toEqual({ ok: false, fieldErrors: {}, formError: 'errors.unavailable', status: 503 });
  });

  it('a connection the server terminates (a restart or fail-over) is unavailable; the next query reconnects', async () => {
    const url = process.env.DATABASE_URL!;
    const live = database(url);
    const admin = postgres(url, { max: 1, onnotice: () => undefined });
    opened.push(admin);
    const sleeping = failure(live.execute(sql`select pg_sleep(30) /* terminated-by-test */`));
    for (let found = 0; found === 0; ) {
      await new Promise((r) => setTimeout(r, 50));
      const [row] = await admin<{ n: number }[]>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where query like '%terminated-by-test%' and pid <> pg_backend_pid()`;
      found = row?.n ?? 0;
    }
    expect(isDatabaseUnavailable(await sleeping)).toBe(true);
    expect(await live.execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('an ordinary SQL error is not mistaken for an outage', async () => {
    const live = database(process.env.DATABASE_URL!);
    expect(isDatabaseUnavailable(await failure(live.execute(sql`select * from no_such_table`)))).toBe(false);
  });
});
