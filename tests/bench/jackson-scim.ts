/**
 * BoxyHQ Jackson's SCIM 2.0 endpoint (Directory Sync, npm `@boxyhq/saml-jackson`), run locally for
 * comparison with the portal's: `runJacksonScim({ server })` installs Jackson on demand, starts it
 * as a child process (tests/bench/jackson-scim-server.ts: Jackson's SCIM route on node:http, one
 * Entra ID (azure-scim-v2) directory, its PostgreSQL engine on a throwaway database created here
 * on `server`'s PostgreSQL and dropped afterwards), runs `runScimLoad` against it and stops it.
 * Returns the figures, or null when Jackson cannot run here — and then says exactly why (through
 * `onUnavailable`, and on stderr).
 *
 * Jackson is never a dependency of the portal: it is installed, when missing or of another
 * version, with `npm install --no-save --ignore-scripts --prefix .data/bench-jackson
 * @boxyhq/saml-jackson@<BENCH_JACKSON_VERSION>` (.data/ is git-ignored, and tsc and ESLint skip
 * it). `--ignore-scripts` because its install scripts only build better-sqlite3 (its SQLite
 * engine), which downloads a prebuilt binary or compiles one; the PostgreSQL engine used here
 * needs neither.
 *
 * Alone: `npx tsx tests/bench/jackson-scim.ts` — on DATABASE_URL's server, else the embedded
 * PostgreSQL under .data/bench (as the other benchmarks); BENCH_USERS (10000), BENCH_CONCURRENCY (8).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { runScimLoad, type ScimLoadResult } from './scim-load';

export const JACKSON_VERSION = process.env.BENCH_JACKSON_VERSION ?? '26.2.0';
export const JACKSON_DIR = path.resolve('.data/bench-jackson');
const PACKAGE = '@boxyhq/saml-jackson';
const SERVER_SCRIPT = fileURLToPath(new URL('./jackson-scim-server.ts', import.meta.url));

export interface JacksonScimOptions {
  /** A PostgreSQL URL on a server where this user may CREATE DATABASE (any database on it). */
  server: string;
  users?: number;
  concurrency?: number;
  /** Port of Jackson's SCIM server (default: any free one). */
  port?: number;
  /** Told why Jackson could not run, when it could not. */
  onUnavailable?: (why: string) => void;
  print?: boolean;
}

function installedVersion(): string | null {
  try {
    return (JSON.parse(readFileSync(path.join(JACKSON_DIR, 'node_modules', PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

/** npm as `npm run` started this process (npm_execpath), else the npm beside this node, else PATH's. */
function npmCommand(): [string, string[]] {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.(c?js)$/.test(cli)) return [process.execPath, [cli]];
  const beside = path.join(path.dirname(process.execPath), 'npm');
  return [existsSync(beside) ? beside : 'npm', []];
}

/** Installs Jackson into JACKSON_DIR unless that version is there; null when done, else why not. */
async function ensureJackson(): Promise<string | null> {
  const have = installedVersion();
  if (have === JACKSON_VERSION) return null;
  mkdirSync(JACKSON_DIR, { recursive: true });
  process.stderr.write(`  [jackson] installing ${PACKAGE}@${JACKSON_VERSION} into ${path.relative(process.cwd(), JACKSON_DIR)} (${have ? `${have} is there` : 'not there yet'}) …\n`);
  const [command, prefixArgs] = npmCommand();
  const args = [...prefixArgs, 'install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--prefix', JACKSON_DIR, `${PACKAGE}@${JACKSON_VERSION}`];
  const output: string[] = [];
  const code = await new Promise<number | string>((resolve) => {
    const child = spawn(command, args, { cwd: JACKSON_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    child.on('error', (e) => resolve(`could not start npm (${e.message})`));
    child.on('exit', (c, signal) => resolve(c ?? `killed by ${signal}`));
  });
  if (code !== 0) {
    const tail = output.join('').trim().split('\n').slice(-8).join('\n    ');
    return `\`npm install ${PACKAGE}@${JACKSON_VERSION}\` failed (${typeof code === 'number' ? `exit code ${code}` : code}):\n    ${tail}`;
  }
  if (installedVersion() !== JACKSON_VERSION) return `npm installed ${PACKAGE}, but ${path.join(JACKSON_DIR, 'node_modules', PACKAGE)} holds ${installedVersion() ?? 'nothing'} instead of ${JACKSON_VERSION}`;
  return null;
}

interface Child {
  baseUrl: string;
  token: string;
  version: string;
  pid: number;
  stop: () => Promise<void>;
}

/** Starts jackson-scim-server.ts; its first stdout line says where it listens, or why it failed. */
async function startServer(dbUrl: string, port: number): Promise<Child | string> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, JACKSON_DIR, JACKSON_DB_URL: dbUrl, JACKSON_PORT: String(port), DO_NOT_TRACK: '1', BOXYHQ_NO_ANALYTICS: '1' },
  });
  const errTail: string[] = [];
  child.stderr.on('data', (c: Buffer) => {
    const text = c.toString();
    errTail.push(text);
    if (errTail.length > 40) errTail.shift();
    if (process.env.BENCH_JACKSON_LOG === 'on') process.stderr.write(text);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  };
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    new Promise<string | null>((resolve) => {
      lines.once('line', resolve);
      lines.once('close', () => resolve(null));
    }),
    sleep(180_000).then(() => 'timeout' as const),
  ]);
  const why = (what: string) => `${what}${errTail.length ? `; its stderr ended:\n    ${errTail.join('').trim().split('\n').slice(-8).join('\n    ')}` : ''}`;
  if (first === 'timeout') {
    await stop();
    return why('Jackson did not start within 3 minutes');
  }
  if (first === null) {
    await stop();
    return why(`Jackson's server exited before it listened (${child.exitCode ?? child.signalCode})`);
  }
  let line: { baseUrl?: string; token?: string; version?: string; error?: string };
  try {
    line = JSON.parse(first) as typeof line;
  } catch {
    await stop();
    return why(`Jackson's server printed ${JSON.stringify(first.slice(0, 200))} instead of where it listens`);
  }
  if (line.error || !line.baseUrl || !line.token) {
    await stop();
    return why(`Jackson could not start: ${line.error ?? 'no base URL or token'}`);
  }
  return { baseUrl: line.baseUrl, token: line.token, version: line.version ?? '?', pid: child.pid!, stop };
}

/** Jackson's SCIM endpoint under load, or null (and why) when it cannot run here. */
export async function runJacksonScim(options: JacksonScimOptions): Promise<ScimLoadResult | null> {
  const unavailable = (why: string) => {
    process.stderr.write(`  [jackson] not run: ${why}\n`);
    options.onUnavailable?.(why);
    return null;
  };
  const missing = await ensureJackson();
  if (missing) return unavailable(missing);

  const name = `jackson_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(options.server, { max: 1, onnotice: () => undefined });
  try {
    try {
      await admin.unsafe(`CREATE DATABASE ${name}`);
    } catch (e) {
      return unavailable(`could not create its database on ${new URL(options.server).host}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const url = new URL(options.server);
    url.pathname = `/${name}`;
    process.stderr.write(`  [jackson] starting ${PACKAGE}@${JACKSON_VERSION} (PostgreSQL engine, database ${name}) …\n`);
    const server = await startServer(url.toString(), options.port ?? 0);
    if (typeof server === 'string') return unavailable(server);
    try {
      return await runScimLoad({
        baseUrl: server.baseUrl,
        token: server.token,
        users: options.users,
        concurrency: options.concurrency,
        label: `Jackson ${server.version}`,
        serverPid: server.pid,
        print: options.print,
      });
    } finally {
      await server.stop();
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

// Alone: on DATABASE_URL's server, else the embedded PostgreSQL the other benchmarks use.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { startEmbeddedPostgres } = await import('../../db/bootstrap/embedded');
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres(path.resolve('.data/bench'), 54369);
  let failed = false;
  try {
    const result = await runJacksonScim({
      server: process.env.DATABASE_URL ?? embedded!.url,
      users: Number(process.env.BENCH_USERS ?? 10_000),
      concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
    });
    failed = result === null;
  } catch (e) {
    failed = true;
    console.error(e);
  } finally {
    await embedded?.stop();
  }
  process.exit(failed ? 1 : 0);
}
