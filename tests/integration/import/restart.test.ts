import type { ChildProcess } from 'node:child_process';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { userImportRows } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { PARSE_BATCH } from '@/lib/import/session/parse-import';
import { EMAIL, accountByName, actorFor, seed } from '../helpers';
import { startWorker, waitFor } from '../worker-process';
import { csv, importOf, manyRows, upload } from './fixtures';

const ROWS = 60_000;
let alice: Actor;
let contosoId: string;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  contosoId = (await accountByName('Contoso Ltd')).id;
});

afterAll(() => {
  for (const worker of workers) worker.kill('SIGKILL');
});

const storedCount = async (importId: string) => (await db().select({ n: count() }).from(userImportRows).where(eq(userImportRows.importId, importId)))[0]!.n;

describe('an import interrupted by a restart (F-IMP, Beyond)', () => {
  it('resumes in a new worker process after the old one was killed mid-parse, storing every row once', async () => {
    const importId = await upload(alice, contosoId, csv(['FIRST NAME,LAST NAME,NAME,EMAIL,ROLE', ...manyRows(ROWS, 'restart.example')]));
    const first = startWorker(workers);
    const before = await waitFor(() => storedCount(importId), (n) => n >= PARSE_BATCH, 60_000);
    first.kill('SIGKILL'); // no graceful stop: the job stays "active" with a dead worker
    expect(before).toBeLessThan(ROWS);
    expect((await importOf(importId)).status).toBe('parsing');

    // pg-boss notices the missing heartbeats and retries the job; the new worker takes it.
    startWorker(workers);
    const found = await waitFor(() => importOf(importId), (i) => i.status !== 'parsing', 150_000);
    expect(found).toMatchObject({ status: 'ready', rowCount: ROWS });
    expect(await storedCount(importId)).toBe(ROWS);
  }, 240_000);
});
