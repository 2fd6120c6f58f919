/**
 * The benchmarks' portal: `scripts/portal.ts start` (or another launcher script) on a bench
 * database, as `npm start` runs it, and the CPU its processes used, read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';

export interface BenchPortal {
  databaseUrl: string;
  port: number;
  /** APP_URL; default http://127.0.0.1:<port>. */
  appUrl?: string;
  /** The demo users' password (the seed's sign-in). */
  password?: string;
  secretsKey?: string;
  /** Launcher and its arguments; default `scripts/portal.ts start`. */
  script?: string[];
  /** More environment for the portal. */
  env?: Record<string, string>;
  /** Where the portal's stderr goes: this process's stderr (default) or a file. */
  logFile?: string;
}

export function startBenchPortal(o: BenchPortal): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', ...(o.script ?? ['scripts/portal.ts', 'start'])], {
    stdio: ['ignore', 'ignore', o.logFile ? 'pipe' : 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: o.databaseUrl,
      PORT: String(o.port),
      APP_URL: o.appUrl ?? `http://127.0.0.1:${o.port}`,
      DEMO_PASSWORD: o.password ?? 'bench-pass-123',
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      ...(o.secretsKey ? { SECRETS_KEY: o.secretsKey } : {}),
      NEXT_TELEMETRY_DISABLED: '1',
      // BENCH_PROFILE=<dir>: CPU profiles of the portal's processes, written there when it stops.
      ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE}` } : {}),
      ...o.env,
    },
  });
  if (o.logFile) child.stderr!.pipe(createWriteStream(o.logFile));
  return child;
}

/** Clock ticks per second of /proc's CPU times. */
export const CLK_TCK = 100;

export function procStat(pid: number): { ppid: number; cpuTicks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat) parents.set(Number(name), stat.ppid);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** CPU seconds (user + system) of a process and everything below it. */
export const treeCpuSeconds = (root: number) => processTree(root).reduce((n, pid) => n + (procStat(pid)?.cpuTicks ?? 0), 0) / CLK_TCK;
