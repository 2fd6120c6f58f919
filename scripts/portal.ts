/**
 * One entry point for running the portal: `start` (production build), `dev`, `worker`, `migrate`,
 * and `demo` (`start` plus a gateway simulator linked to a demo account: scripts/demo-gateway.ts).
 * Without DATABASE_URL it starts the embedded PostgreSQL under DATA_DIR, applies migrations,
 * seeds the demo on first start (printing its sign-in once), then runs Next.js with that URL.
 * (`npm run topology` runs several web and worker processes instead: scripts/topology.ts.)
 */
import { spawn } from 'node:child_process';
import { StartupError } from '../db/bootstrap/startup-error';
import { EnvError, parseEnv } from '../lib/env';
import { assertPortFree, ensureBuild, log, nextBin, prepareDatabase, secretsKey, startDatabase, webEnv, workerDatabaseUrl } from './launch';

const mode = process.argv[2] ?? 'start';
const demo = mode === 'demo';

async function main(): Promise<void> {
  const e = parseEnv();
  // Before the database and the build (minutes on a first start), not after them.
  if (mode === 'start' || mode === 'dev' || demo) await assertPortFree(e.PORT, 'PORT');
  // Set before the workers or Next.js read the environment, so every process sees one key.
  process.env.SECRETS_KEY = secretsKey(e);

  if (mode === 'worker') {
    process.env.DATABASE_URL = workerDatabaseUrl(e);
    const { startWorkers } = await import('../lib/jobs/workers');
    await startWorkers();
    log('workers started; waiting for jobs');
    return;
  }

  const { url, embedded } = await startDatabase(e);
  process.env.DATABASE_URL = url;
  await prepareDatabase(e, url, { seed: mode !== 'migrate' && e.SEED_DEMO });
  if (mode === 'migrate') return void (await embedded?.stop());

  if (mode === 'start' || demo) ensureBuild();
  const child = spawn(process.execPath, [nextBin(), mode === 'dev' ? 'dev' : 'start', '-p', String(e.PORT)], { stdio: 'inherit', env: webEnv(e, url) });
  const sim = demo ? (await import('./demo-gateway')).startDemoGateway(e.PORT, e.APP_URL) : null;
  sim?.catch((err: unknown) => console.error('[portal] the demo gateway did not start:', err instanceof Error ? err.message : err));
  const stop = (signal: NodeJS.Signals) => {
    void sim?.then((s) => s.stop()).catch(() => undefined);
    child.kill(signal);
  };
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
