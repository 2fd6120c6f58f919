import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/bootstrap/embedded';
import { migrateDatabase } from '../../db/bootstrap/migrate';


declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

let embedded: EmbeddedDatabase | undefined;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Integration tests run against real PostgreSQL: DATABASE_URL's server when set, else an embedded
 * one. A migrated template database is built once; each test file gets a fresh copy of it.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres(path.resolve('.data/test'), 54339);
    adminUrl = embedded.url;
  }
  // A name per run, so two runs against one server (a developer and CI) don't collide.
  const templateDb = `portal_test_template_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${templateDb}`);
  await migrateDatabase(withDatabase(adminUrl, templateDb));
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
  };
}
