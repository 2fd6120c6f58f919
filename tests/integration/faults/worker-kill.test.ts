import type { ChildProcess } from 'node:child_process';
import { and, count, countDistinct, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, mailOutbox, notifications, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { COMMIT_BATCH } from '@/lib/import/session/commit-import';
import { parseImport } from '@/lib/import/session/parse-import';
import { requestImportCommit } from '@/lib/import/session/request-commit';
import { USERS_BULK_BATCH } from '@/lib/jobs/handlers/users-bulk';
import { requestBulkUsers } from '@/lib/users/request-bulk-users';
import { EMAIL, accountByName, actorFor, baseRoleId, seed } from '../helpers';
import { csv, importOf, manyRows, upload } from '../import/fixtures';
import { startWorker, waitFor } from '../worker-process';

/**
 * Issue 14, fault tests: the worker process is killed with SIGKILL in the middle of a job (no
 * graceful stop, the job stays "active" in pg-boss). Once a new worker runs, pg-boss notices the
 * missing heartbeats and retries the job, which resumes after its last committed batch: every
 * row is there exactly once.
 */

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

const usersOf = async (domain: string) =>
  (await db().select({ n: count(), emails: countDistinct(users.email) }).from(users).where(like(users.email, `%@${domain}`)))[0]!;

describe('a worker killed mid-job', () => {
  it('an import commit resumes in the next worker: every valid row becomes one user, with one audit event', async () => {
    const ROWS = 8_000;
    const domain = 'commit-kill.example';
    const importId = await upload(alice, contosoId, csv(['FIRST NAME,LAST NAME,NAME,EMAIL,ROLE', ...manyRows(ROWS, domain)]));
    await parseImport(importId);
    await requestImportCommit({ ctx: { actor: alice }, input: { accountId: contosoId, importId } });

    const first = startWorker(workers);
    const before = await waitFor(() => importOf(importId), (i) => i.commitDone >= COMMIT_BATCH, 60_000);
    first.kill('SIGKILL');
    expect(before.commitDone).toBeLessThan(ROWS);
    expect((await importOf(importId)).status).toBe('committing');

    startWorker(workers);
    const done = await waitFor(() => importOf(importId), (i) => i.status !== 'committing', 120_000);
    expect(done).toMatchObject({ status: 'done', createdCount: ROWS, commitDone: ROWS });
    expect(await usersOf(domain)).toEqual({ n: ROWS, emails: ROWS });
    const [created] = await db()
      .select({ n: count() })
      .from(events)
      .innerJoin(users, eq(events.assetId, sql`${users.id}::text`))
      .where(and(eq(events.asset, 'User'), eq(events.action, 'Create'), like(users.email, `%@${domain}`)));
    expect(created?.n).toBe(ROWS);
  }, 200_000);

  it('a bulk "send welcome e-mails" resumes in the next worker: every user gets exactly one mail', async () => {
    const USERS = 2_500;
    const domain = 'bulk-kill.example';
    const [account] = await db().select({ partnerOrgId: users.partnerOrgId }).from(users).where(eq(users.accountId, contosoId)).limit(1);
    const roleId = await baseRoleId('user');
    await db()
      .insert(users)
      .values(Array.from({ length: USERS }, (_, i) => ({ partnerOrgId: account!.partnerOrgId, accountId: contosoId, email: `u${i}@${domain}`, displayName: `U ${i}`, roleId })));
    const ids = (await db().select({ id: users.id }).from(users).where(like(users.email, `%@${domain}`))).map((u) => u.id);
    const { notificationId } = await requestBulkUsers({ ctx: { actor: alice }, input: { accountId: contosoId, action: 'sendWelcome', userIds: ids } });
    const progress = async () => (await db().select().from(notifications).where(eq(notifications.id, notificationId)))[0]!;

    const first = startWorker(workers);
    const before = await waitFor(progress, (n) => Number(n.params.done ?? 0) >= USERS_BULK_BATCH, 60_000);
    first.kill('SIGKILL');
    expect(before.status).toBe('running');
    expect(Number(before.params.done)).toBeLessThan(USERS);

    startWorker(workers);
    const finished = await waitFor(progress, (n) => n.status !== 'running', 120_000);
    expect(finished).toMatchObject({ status: 'success', progress: 100 });
    expect(finished.params).toMatchObject({ count: USERS, done: USERS, skipped: 0, failed: 0 });
    const [mails] = await db()
      .select({ n: count(), to: countDistinct(mailOutbox.toAddress) })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, 'welcome'), like(mailOutbox.toAddress, `%@${domain}`)));
    expect(mails).toEqual({ n: USERS, to: USERS });
  }, 200_000);
});
