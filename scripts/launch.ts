/**
 * The steps every way of running the portal shares (scripts/portal.ts: one web process;
 * scripts/topology.ts: several web and worker processes): the environment, the generated
 * secrets, the database (embedded or DATABASE_URL), migrations, the demo seed, the build, and
 * the commands that start a Next.js server or a worker process.
 */
import { spawnSync, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/bootstrap/embedded';
import { migrateDatabase } from '../db/bootstrap/migrate';
import { portInUse } from '../db/bootstrap/port';
import { StartupError } from '../db/bootstrap/startup-error';
import { closeDb, db } from '../db/client';
import { decodeKey, KEY_HINT } from '../lib/crypto/key-material';
import { EnvError, type Env } from '../lib/env';

export const log = (msg: string) => console.log(`[portal] ${msg}`);

/** Reads DATA_DIR/<name>, creating it first with `make()` atomically: processes starting together get one value. */
function generatedFile(e: Env, name: string, make: () => string, created?: (file: string) => void): string {
  const file = path.resolve(e.DATA_DIR, name);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, make(), { mode: 0o600 });
    try {
      linkSync(draft, file); // atomic, and fails if another process got there first
      created?.(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(file, 'utf8').trim();
}

export function authSecret(e: Env): string {
  return e.NEXTAUTH_SECRET ?? generatedFile(e, 'auth-secret', () => randomBytes(32).toString('base64url'));
}

/** The secret-store key: SECRETS_KEY, else DATA_DIR/secrets-key, created on first use. */
export function secretsKey(e: Env): string {
  if (e.SECRETS_KEY) return e.SECRETS_KEY;
  const key = generatedFile(
    e,
    'secrets-key',
    () => randomBytes(32).toString('base64url'),
    (file) => log(`generated the secret-store key into ${file} (back it up with the database)`),
  );
  if (!decodeKey(key)) throw new EnvError(`Invalid configuration:\n  SECRETS_KEY (from ${path.resolve(e.DATA_DIR, 'secrets-key')}): ${KEY_HINT}`);
  return key;
}

/** Stops with one sentence when `port` is taken, naming the variable that sets it. */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  if (await portInUse(port)) throw new StartupError(`Port ${port} (${variable}) is in use by another program: stop it, or set ${variable} to a free port.`);
}

/** DATABASE_URL's database, else the embedded PostgreSQL under DATA_DIR (started here). */
export async function startDatabase(e: Env): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (e.DATABASE_URL) return { url: e.DATABASE_URL };
  log(`starting the embedded PostgreSQL (data in ${path.join(e.DATA_DIR, 'postgres')}, port ${e.EMBEDDED_PG_PORT})`);
  const embedded = await startEmbeddedPostgres(e.DATA_DIR, e.EMBEDDED_PG_PORT, { log });
  return { url: embedded.url, embedded };
}

/** The URL a worker process uses: DATABASE_URL, else the embedded server a web process started. */
export function workerDatabaseUrl(e: Env): string {
  return e.DATABASE_URL ?? `postgres://portal:portal@127.0.0.1:${e.EMBEDDED_PG_PORT}/portal`;
}

/** Migrations, resealing of secrets under an old key, and (unless `seed` is false) the demo on an empty database. */
export async function prepareDatabase(e: Env, url: string, { seed = e.SEED_DEMO }: { seed?: boolean } = {}): Promise<void> {
  await migrateDatabase(url);
  log('database migrated');
  const { resealIntegrationSecrets } = await import('../lib/integrations/reseal-secrets');
  const resealed = await resealIntegrationSecrets(db());
  if (resealed) log(`${resealed} integration(s) had secrets sealed with an old key; resealed with SECRETS_KEY`);
  const { resealGatewaySecrets } = await import('../lib/gateway/reseal-gateway-secrets');
  const gatewaysResealed = await resealGatewaySecrets(db());
  if (gatewaysResealed) log(`${gatewaysResealed} gateway(s) had secrets sealed with an old key; resealed with SECRETS_KEY`);
  if (seed) await seedDemo(e);
  await closeDb();
}

async function seedDemo(e: Env): Promise<void> {
  const { seedDemo: seedDemoData } = await import('../lib/seed/demo');
  const credentials = await seedDemoData(db(), e.DEMO_PASSWORD);
  if (!credentials) return;
  const roleWidth = Math.max(...credentials.map((c) => c.role.length));
  const emailWidth = Math.max(...credentials.map((c) => c.email.length));
  console.log('\n  Demo data created. Sign in at ' + e.APP_URL + '/sign-in with (shown only this once):\n');
  for (const c of credentials) console.log(`    ${c.role.padEnd(roleWidth)}  ${c.email.padEnd(emailWidth)}  ${c.password}`);
  console.log('');
}

export function nextBin(): string {
  return path.resolve('node_modules/next/dist/bin/next');
}

/** Builds the production app when there is no build yet (the first start). */
export function ensureBuild(): void {
  if (existsSync('.next/BUILD_ID')) return;
  log('building the portal (first start only; `npm run build` rebuilds)');
  const build = spawnSync(process.execPath, [nextBin(), 'build'], { stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } });
  if (build.status !== 0) throw new StartupError('next build failed (its output is above).');
}

/** What a web process needs besides the inherited environment. */
export function webEnv(e: Env, databaseUrl: string, extra: Record<string, string> = {}): SpawnOptions['env'] {
  return { NEXT_TELEMETRY_DISABLED: '1', ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: authSecret(e), APP_URL: e.APP_URL, NEXTAUTH_URL: e.APP_URL, ...extra };
}

/** The arguments of `node` for `npm run worker` (job workers only, no web server). */
export const WORKER_ARGS = ['--conditions=react-server', '--import', 'tsx', 'scripts/portal.ts', 'worker'];
