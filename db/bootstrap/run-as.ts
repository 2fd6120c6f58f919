import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { StartupError } from './startup-error';

/** The system user PostgreSQL runs as when we are root: it refuses to run as root itself. */
export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

/** Where a root start keeps what the `postgres` user must reach but the project folder hides. */
export const SHARED_ROOT = '/var/lib/partner-portal';

function idOf(flag: '-u' | '-g', name: string): number | null {
  try {
    return Number.parseInt(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), 10);
  } catch {
    return null;
  }
}

/** null when not root; else the `postgres` system user, created (as a system account) when missing. */
export function postgresUser(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  const name = 'postgres';
  if (idOf('-u', name) === null) {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], { stdio: 'ignore' });
    } catch (cause) {
      throw new StartupError("Started as root, the embedded PostgreSQL must run as a 'postgres' system user, and creating it failed: create it (useradd --system postgres) or set DATABASE_URL.", { cause });
    }
  }
  const uid = idOf('-u', name);
  const gid = idOf('-g', name);
  if (uid === null || gid === null) throw new StartupError("The 'postgres' system user has no uid or gid: repair it or set DATABASE_URL.");
  return { uid, gid, name };
}

/** Whether `user` can run `test <op> target`: the kernel's answer, with every folder above it. */
export function canReach(user: RunAs, op: '-x' | '-w' | '-r', target: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'test "$0" "$1"', op, target], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * A copy of the PostgreSQL distribution (bin, lib, share) in SHARED_ROOT, made once per version:
 * used when the `postgres` user cannot reach node_modules (a project under /root, or any 0700
 * folder). Copied to a draft folder and renamed, so a start killed half-way never leaves half a copy.
 */
export function sharedDistribution(source: string, version: string): string {
  const target = path.join(SHARED_ROOT, `postgres-${version}`);
  if (existsSync(path.join(target, 'bin', 'postgres'))) return target;
  mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
  const draft = `${target}.${process.pid}`;
  rmSync(draft, { recursive: true, force: true });
  cpSync(source, draft, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  try {
    renameSync(draft, target);
  } catch (e) {
    rmSync(draft, { recursive: true, force: true });
    if (!existsSync(path.join(target, 'bin', 'postgres'))) throw e;
  }
  return target;
}

/**
 * The data folder used instead of `<dataDir>/postgres` when the `postgres` user cannot reach
 * dataDir: one per project data folder (named after its absolute path), so the same checkout
 * finds its database again at every start.
 */
export function sharedDataDir(dataDir: string): string {
  const absolute = path.resolve(dataDir);
  const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 12);
  const slug = absolute.split(path.sep).filter(Boolean).slice(-3).join('-').replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(SHARED_ROOT, 'clusters', `${slug}-${hash}`, 'postgres');
}
