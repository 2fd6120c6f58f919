/**
 * `npm run topology`: the portal as it runs on more than one machine, on this one — two web
 * processes (WORKERS=off) behind a small reverse proxy on PORT, two separate worker processes
 * (`npm run worker`), one PostgreSQL (DATABASE_URL, else the embedded one, restarted if it
 * stops). Any web process serves any request: sessions are signed cookies, jobs are in the
 * database. The processes and their pids are written to DATA_DIR/topology.json, so that a test
 * (or a curious admin) can stop one and watch the others carry on. README "Running on more than
 * one machine".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../db/bootstrap/startup-error';
import { EnvError, parseEnv } from '../lib/env';
import { assertPortFree, ensureBuild, log, nextBin, prepareDatabase, secretsKey, startDatabase, WORKER_ARGS, webEnv } from './launch';
import { startReverseProxy, type Upstream } from './topology/reverse-proxy';

const WEB = 2;
const WORKERS = 2;
/** How long the supervisor waits before starting a PostgreSQL that stopped again. */
const RESTART_DELAY_MS = 2_000;

async function main(): Promise<void> {
  const e = parseEnv();
  const webPorts = Array.from({ length: WEB }, (_, i) => e.PORT + 1 + i);
  // The proxy listens on PORT, the web processes on PORT+1 and PORT+2: all free before anything starts.
  for (const port of [e.PORT, ...webPorts]) await assertPortFree(port, 'PORT');
  process.env.SECRETS_KEY = secretsKey(e);
  let { url, embedded } = await startDatabase(e);
  process.env.DATABASE_URL = url;
  await prepareDatabase(e, url);
  ensureBuild();

  const children: ChildProcess[] = [];
  let stopping = false;
  const run = (name: string, args: string[], env: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    child.on('exit', (code, signal) => {
      if (!stopping) log(`${name} (pid ${child.pid}) stopped (${signal ?? `exit ${code}`}); the others carry on`);
    });
    children.push(child);
    return child;
  };
  const web = webPorts.map((port, i) => ({ name: `web-${i + 1}`, port, child: run(`web-${i + 1}`, [nextBin(), 'start', '-p', String(port)], webEnv(e, url, { WORKERS: 'off' })!) }));
  const workers = Array.from({ length: WORKERS }, (_, i) => run(`worker-${i + 1}`, WORKER_ARGS, { ...process.env, DATABASE_URL: url, SEED_DEMO: 'off' }));

  await Promise.all(web.map((w) => waitForHttp(w.port)));
  const upstreams: Upstream[] = web.map((w) => ({ name: w.name, port: w.port, healthy: true }));
  const proxy = await startReverseProxy(e.PORT, upstreams);

  const stateFile = path.resolve(e.DATA_DIR, 'topology.json');
  const writeState = () =>
    writeFileSync(
      stateFile,
      JSON.stringify(
        {
          proxy: { port: proxy.port, pid: process.pid },
          web: web.map((w) => ({ name: w.name, port: w.port, pid: w.child.pid })),
          workers: workers.map((w, i) => ({ name: `worker-${i + 1}`, pid: w.pid })),
          postgres: embedded ? { pid: embedded.pid, dataDir: embedded.dataDir } : null,
        },
        null,
        2,
      ),
    );
  writeState();
  log(`topology ready: ${e.APP_URL} → ${web.map((w) => `${w.name} :${w.port}`).join(', ')}; ${WORKERS} workers; processes in ${stateFile}`);

  // The supervisor's one duty here: a PostgreSQL that stops (a crash, a restart) is started again.
  void (async () => {
    while (embedded && !stopping) {
      await embedded.exited;
      if (stopping) return;
      log(`PostgreSQL stopped; starting it again in ${RESTART_DELAY_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, RESTART_DELAY_MS));
      ({ url, embedded } = await startDatabase(e));
      writeState();
      log('PostgreSQL is back');
    }
  })();

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await proxy.stop();
    await Promise.all(children.map(stopChild));
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resolves once something answers HTTP on the port (the web process has started). */
async function waitForHttp(port: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new StartupError(`The web process on port ${port} did not start within ${timeoutMs / 1000} s.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError || err instanceof StartupError ? `[portal] ${err.message}` : err);
  process.exit(1);
});
