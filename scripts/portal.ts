/**
 * One entry point for running the portal: `start` (production build), `dev`, `worker`, `migrate`.
 * Without DATABASE_URL it starts the embedded PostgreSQL under DATA_DIR, applies migrations,
 * seeds the demo on first start (printing its sign-in once), then runs Next.js with that URL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/bootstrap/embedded';
import { StartupError } from '../db/bootstrap/startup-error';
import { portInUse } from '../db/bootstrap/port';
import { migrateDatabase } from '../db/bootstrap/migrate';
import { closeDb, db } from '../db/client';
import { decodeKey, KEY_HINT } from '../lib/crypto/key-material';
import { EnvError, parseEnv, type Env } from '../lib/env';

const mode = process.argv[2] ?? 'start';
const log = (msg: string) => console.log(`[portal] ${msg}`);

function authSecret(e: Env): string {
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  const file = path.resolve(e.DATA_DIR, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The secret-store key: SECRETS_KEY, else DATA_DIR/secrets-key, created on first use. The web
 * process and `npm run worker` read the same file, so it is created atomically (a web process
 * and a worker starting together must not end up with two keys).
 */
function secretsKey(e: Env): string {
  if (e.SECRETS_KEY) return e.SECRETS_KEY;
  const file = path.resolve(e.DATA_DIR, 'secrets-key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      linkSync(draft, file); // atomic, and fails if another process got there first
      log(`generated the secret-store key into ${file} (back it up with the database)`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
  }
  const key = readFileSync(file, 'utf8').trim();
  if (!decodeKey(key)) throw new EnvError(`Invalid configuration:\n  SECRETS_KEY (from ${file}): ${KEY_HINT}`);
  return key;
}

async function database(e: Env): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (e.DATABASE_URL) return { url: e.DATABASE_URL };
  if (mode === 'worker') return { url: `postgres://portal:portal@127.0.0.1:${e.EMBEDDED_PG_PORT}/portal` };
  log(`starting the embedded PostgreSQL (data in ${path.join(e.DATA_DIR, 'postgres')}, port ${e.EMBEDDED_PG_PORT})`);
  const embedded = await startEmbeddedPostgres(e.DATA_DIR, e.EMBEDDED_PG_PORT, { log });
  return { url: embedded.url, embedded };
}

async function seed(e: Env): Promise<void> {
  const { seedDemo } = await import('../lib/seed/demo');
  const credentials = await seedDemo(db(), e.DEMO_PASSWORD);
  if (!credentials) return;
  const roleWidth = Math.max(...credentials.map((c) => c.role.length));
  const emailWidth = Math.max(...credentials.map((c) => c.email.length));
  console.log('\n  Demo data created. Sign in at ' + e.APP_URL + '/sign-in with (shown only this once):\n');
  for (const c of credentials) console.log(`    ${c.role.padEnd(roleWidth)}  ${c.email.padEnd(emailWidth)}  ${c.password}`);
  console.log('');
}

function nextBin(): string {
  return path.resolve('node_modules/next/dist/bin/next');
}

async function main(): Promise<void> {
  const e = parseEnv();
  // Before the database and the build (minutes on a first start), not after them.
  if ((mode === 'start' || mode === 'dev') && (await portInUse(e.PORT))) {
    throw new StartupError(`Port ${e.PORT} (PORT) is in use by another program: stop it, or set PORT to a free port.`);
  }
  // Set before the workers or Next.js read the environment, so every process sees one key.
  process.env.SECRETS_KEY = secretsKey(e);
  const { url, embedded } = await database(e);
  process.env.DATABASE_URL = url;

  if (mode === 'worker') {
    const { startWorkers } = await import('../lib/jobs/workers');
    await startWorkers();
    log('workers started; waiting for jobs');
    return;
  }

  await migrateDatabase(url);
  log('database migrated');
  const { resealIntegrationSecrets } = await import('../lib/integrations/reseal-secrets');
  const resealed = await resealIntegrationSecrets(db());
  if (resealed) log(`${resealed} integration(s) had secrets sealed with an old key; resealed with SECRETS_KEY`);
  if (mode === 'migrate') return void (await embedded?.stop());
  if (e.SEED_DEMO) await seed(e);
  await closeDb();

  if (mode === 'start' && !existsSync('.next/BUILD_ID')) {
    log('building the portal (first start only; `npm run build` rebuilds)');
    const build = spawnSync(process.execPath, [nextBin(), 'build'], { stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const child = spawn(process.execPath, [nextBin(), mode === 'dev' ? 'dev' : 'start', '-p', String(e.PORT)], {
    stdio: 'inherit',
    env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: authSecret(e), APP_URL: e.APP_URL, NEXTAUTH_URL: e.APP_URL },
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', async (code) => {
    await embedded?.stop();
    process.exit(code ?? 0);
  });
}

main().catch((err: unknown) => {
  // A configuration or start-up problem is one sentence for the person starting the portal.
  console.error(err instanceof EnvError || err instanceof StartupError ? `[portal] ${err.message}` : err);
  process.exit(1);
});
