import 'server-only';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the pool or an open transaction: query helpers accept both. */
export type DbOrTx = Db | Tx;

interface Holder {
  sql?: postgres.Sql;
  db?: Db;
  side?: { sql: postgres.Sql; db: Db };
}
// Survives module reloads in `next dev`, so a reload does not open a new pool.
const holder = globalThis as typeof globalThis & { __portalDb?: Holder };

export function createDb(url: string, max = 10, options: postgres.Options<Record<string, never>> = {}): { sql: postgres.Sql; db: Db } {
  const sql = postgres(url, { max, onnotice: () => undefined, connection: { application_name: 'uc-portal' }, ...options });
  return { sql, db: drizzle(sql, { schema }) };
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start` (embedded database) or set it.');
  return url;
}

export function db(): Db {
  const h = (holder.__portalDb ??= {});
  if (!h.db) Object.assign(h, createDb(databaseUrl()));
  return h.db!;
}

/**
 * A second, small pool that requests never use, for short writes that must not queue behind
 * them: a job's progress while it holds a lock that requests wait on (requests waiting for that
 * lock hold connections of the main pool, and could hold all of them). Its connections close when idle.
 */
export function sideDb(): Db {
  const h = (holder.__portalDb ??= {});
  h.side ??= createDb(databaseUrl(), 2, { idle_timeout: 30 });
  return h.side.db;
}

/**
 * Replaces the pools with fresh ones, for use after the database came back from a restart: the
 * old pools' connections may still hold the server's "terminating connection" error for the
 * next query on them (seen as a second wave of failures right after recovery). Queries already
 * running on the old pools finish; the old pools close a little later.
 */
export function renewPools(): void {
  const old = holder.__portalDb;
  holder.__portalDb = undefined;
  if (old) setTimeout(() => void Promise.all([old.sql?.end({ timeout: 5 }), old.side?.sql.end({ timeout: 5 })]), 10_000).unref();
}

export async function closeDb(): Promise<void> {
  const h = holder.__portalDb;
  holder.__portalDb = undefined;
  await Promise.all([h?.sql?.end({ timeout: 5 }), h?.side?.sql.end({ timeout: 5 })]);
}
