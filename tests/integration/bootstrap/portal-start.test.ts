import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, holdPort } from './free-port';

/**
 * `npm start` as a newcomer meets it (issue 14, fixes 1 and 2): scripts/portal.ts run as a real
 * process. Each run is its own process group, killed whole, so a build it may have begun dies too.
 */

const scratch: string[] = [];
const databases: string[] = [];
const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => undefined });
afterAll(async () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  for (const name of databases) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs the launcher until it exits or until `until` matches its output (then kills it). */
function portal(env: Record<string, string>, until?: RegExp): Promise<Run> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-start-'));
  scratch.push(dataDir);
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/portal.ts', 'start'], {
    detached: true,
    env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
  const run: Run = { stdout: '', stderr: '', code: null };
  return new Promise((resolve) => {
    const check = () => {
      if (until && until.test(run.stdout)) process.kill(-child.pid!, 'SIGKILL');
    };
    child.stdout.on('data', (d: Buffer) => ((run.stdout += d.toString()), check()));
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    child.on('exit', (code) => resolve({ ...run, code }));
  });
}

async function emptyDatabase(): Promise<string> {
  const name = `portal_start_${randomBytes(5).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  databases.push(name);
  const url = new URL(inject('adminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

describe('npm start (scripts/portal.ts)', () => {
  it('stops with one sentence naming PORT when the web port is taken, before touching the database', async () => {
    const held = await holdPort();
    try {
      const run = await portal({ PORT: String(held.port), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`[portal] Port ${held.port} (PORT) is in use by another program: stop it, or set PORT to a free port.`);
    } finally {
      await held.close();
    }
  });

  it('stops with one sentence naming EMBEDDED_PG_PORT when the embedded database port is taken', async () => {
    const held = await holdPort('127.0.0.1');
    try {
      const run = await portal({ PORT: String(await freePort()), EMBEDDED_PG_PORT: String(held.port) });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`[portal] Port ${held.port} (EMBEDDED_PG_PORT) is in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port.`);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await held.close();
    }
  });

  it('prints the sign-in address of the port it serves, or of PUBLIC_URL when that is set', async () => {
    const port = await freePort();
    const onPort = await portal({ PORT: String(port), DATABASE_URL: await emptyDatabase(), DEMO_PASSWORD: 'demo-pass-123' }, /Sign in at/);
    expect(onPort.stdout).toContain(`Demo data created. Sign in at http://localhost:${port}/sign-in with`);

    const published = await portal({ PORT: String(port), PUBLIC_URL: 'https://portal.example.test/', DATABASE_URL: await emptyDatabase(), DEMO_PASSWORD: 'demo-pass-123' }, /Sign in at/);
    expect(published.stdout).toContain('Sign in at https://portal.example.test/sign-in with');
  });
});
