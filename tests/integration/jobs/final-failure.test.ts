import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { notifications } from '@/db/schema';
import { INTEGRATION_IDS } from '@/lib/integrations/catalogue';
import { startProgress } from '@/lib/jobs/progress';
import { runJob } from '@/lib/jobs/workers';
import { EMAIL, seed, userByEmail } from '../helpers';

let alice: Awaited<ReturnType<typeof userByEmail>>;

beforeAll(async () => {
  await seed();
  alice = await userByEmail(EMAIL.alice);
});

async function job(retryCount: number, retryLimit = 5) {
  const notificationId = await startProgress({ userId: alice.id, accountId: alice.accountId, titleKey: 'integrations.update.running' });
  const data = { accountId: alice.accountId, integrationId: INTEGRATION_IDS[0], actorUserId: alice.id, notificationId };
  return { notificationId, job: { data, retryCount, retryLimit } };
}

async function note(id: string) {
  const [row] = await db().select().from(notifications).where(eq(notifications.id, id));
  return row;
}

const broken = () => Promise.reject(new Error('gateway unreachable'));

describe('runJob: a job whose last retry fails', () => {
  it('leaves the progress running while retries remain, and rethrows so pg-boss retries', async () => {
    const { notificationId, job: j } = await job(2);
    await expect(runJob('integration-update', j, broken)).rejects.toThrow('gateway unreachable');
    expect(await note(notificationId)).toMatchObject({ status: 'running', titleKey: 'integrations.update.running' });
  });

  it('tells the person who asked that it stopped after repeated errors', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { notificationId, job: j } = await job(5);
    await expect(runJob('integration-update', j, broken)).rejects.toThrow('gateway unreachable');
    expect(await note(notificationId)).toMatchObject({ status: 'error', titleKey: 'jobs.failed', progress: 100 });
    spy.mockRestore();
  });

  it('does not touch the notification when the handler succeeds', async () => {
    const { notificationId, job: j } = await job(5);
    await runJob('integration-update', j, () => Promise.resolve());
    expect(await note(notificationId)).toMatchObject({ status: 'running' });
  });

  it('refuses a payload that does not match the queue schema before running anything', async () => {
    const handler = vi.fn(() => Promise.resolve());
    await expect(runJob('integration-update', { data: { accountId: randomUUID() }, retryCount: 0, retryLimit: 5 }, handler)).rejects.toThrow();
    expect(handler).not.toHaveBeenCalled();
  });
});
