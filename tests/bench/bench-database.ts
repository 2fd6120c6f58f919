/**
 * A throwaway database for a benchmark: on DATABASE_URL's server when set, else on an embedded
 * PostgreSQL under .data/bench. Sets DATABASE_URL to it, so the app's modules (which read it when
 * first used) must be imported after this resolves. `drop()` removes it and stops the server.
 */
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/bootstrap/embedded';
import { migrateDatabase } from '../../db/bootstrap/migrate';

export async function benchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  let embedded: EmbeddedDatabase | undefined;
  const server = process.env.DATABASE_URL ?? (embedded = await startEmbeddedPostgres(path.resolve('.data/bench'), 54369)).url;
  const name = `portal_bench_${label}_${process.pid}`;
  const admin = postgres(server, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  await migrateDatabase(process.env.DATABASE_URL);
  return {
    url: process.env.DATABASE_URL,
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await embedded?.stop();
    },
  };
}
