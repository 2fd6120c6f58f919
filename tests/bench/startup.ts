/**
 * `npm run bench:startup`: from a fresh clone of HEAD to the sign-in page, as a newcomer would
 * (`npm ci && npm start` on the embedded database), then the portal's peak memory while partner
 * and account admin sessions walk the main pages, then a warm restart. Prints figures; asserts none.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const PORT = 3200;
const PASSWORD = 'bench-pass-123';
const base = `http://localhost:${PORT}`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* the process ended meanwhile */
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out;
}

function memory(pid: number): { name: string; hwmKb: number; rssKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (k: string) => Number(status.match(new RegExp(`^${k}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { name: cmd.includes('postgres') ? 'postgres' : cmd.includes('next') ? 'next' : 'other', hwmKb: field('VmHWM'), rssKb: field('VmRSS') };
  } catch {
    return null;
  }
}

async function waitForSignIn(child: ChildProcess, dir: string, since: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited before serving:\n${readFileSync(path.join(dir, 'portal.log'), 'utf8').slice(-3000)}`);
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return Date.now() - since;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function start(dir: string): ChildProcess {
  const log = openSync(path.join(dir, 'portal.log'), 'a');
  return spawn('npm', ['start'], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, DATABASE_URL: '', PORT: String(PORT), APP_URL: base, EMBEDDED_PG_PORT: '54359', DEMO_PASSWORD: PASSWORD, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

async function stop(child: ChildProcess) {
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await new Promise((r) => setTimeout(r, 1500));
}

async function walk() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  for (const email of ['partner@northwind.example', 'alice.admin@contoso.example']) {
    const page = await browser.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/dashboard$/);
    for (const link of await page.locator('a[href^="/accounts/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) await page.goto(`${base}${link}`);
    await page.goto(`${base}/settings/password`);
    await page.close();
  }
  await browser.close();
}

const dir = mkdtempSync(path.join(tmpdir(), 'portal-bench-'));
// Like a usual checkout (mkdtemp makes it 0700): as root, the embedded PostgreSQL runs as the
// `postgres` user, which must be able to reach the project folder.
chmodSync(dir, 0o755);
try {
  execSync(`git clone -q "${process.cwd()}" "${dir}"`);
  let t = Date.now();
  execSync('npm ci --no-audit --no-fund', { cwd: dir, stdio: 'ignore' });
  const install = Date.now() - t;

  t = Date.now();
  let child = start(dir);
  const firstStart = await waitForSignIn(child, dir, t);
  await walk();
  const procs = descendants(child.pid!).map(memory).filter((m) => m !== null);
  const next = procs.filter((p) => p.name === 'next');
  const pg = procs.filter((p) => p.name === 'postgres');
  const nextPeak = Math.max(...next.map((p) => p.hwmKb));
  const pgRss = pg.reduce((s, p) => s + p.rssKb, 0);
  await stop(child);

  t = Date.now();
  child = start(dir);
  const warmStart = await waitForSignIn(child, dir, t);
  await stop(child);

  console.log('startup benchmark (fresh clone of HEAD, embedded PostgreSQL)');
  console.log(`  npm ci                                   ${seconds(install)}`);
  console.log(`  first npm start → sign-in page (build)   ${seconds(firstStart)}`);
  console.log(`  second npm start → sign-in page          ${seconds(warmStart)}`);
  console.log(`  peak RSS of the Next.js server           ${(nextPeak / 1024).toFixed(0)} MiB`);
  console.log(`  RSS of the embedded PostgreSQL (all)     ${(pgRss / 1024).toFixed(0)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
