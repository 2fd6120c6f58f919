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
}
// Survives module reloads in `next dev`, so a reload does not open a new pool.
const holder = globalThis as typeof globalThis & { __portalDb?: Holder };

export function createDb(url: string, max = 10): { sql: postgres.Sql; db: Db } {
  const sql = postgres(url, { max, onnotice: () => undefined, connection: { application_name: 'uc-portal' } });
  return { sql, db: drizzle(sql, { schema }) };
}

export function db(): Db {
  const h = (holder.__portalDb ??= {});
  if (!h.db) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start` (embedded database) or set it.');
    Object.assign(h, createDb(url));
  }
  return h.db!;
}

export async function closeDb(): Promise<void> {
  const h = holder.__portalDb;
  if (h?.sql) await h.sql.end({ timeout: 5 });
  holder.__portalDb = undefined;
}
