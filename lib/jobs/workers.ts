import 'server-only';
import { boss } from './boss';
import { HANDLERS } from './handlers';
import { finishProgress } from './progress';
import { QUEUES, type QueueName } from './queues';

/**
 * A job whose last retry failed would leave its progress notification "running" for ever: the
 * person who asked is told it stopped instead. (A handler that refuses ends its notification
 * itself; this is for the unexpected errors pg-boss retries.)
 */
async function reportFinalFailure(payload: object, error: unknown): Promise<void> {
  const notificationId = 'notificationId' in payload && typeof payload.notificationId === 'string' ? payload.notificationId : null;
  console.error('[jobs] final attempt failed:', error instanceof Error ? error.message : error);
  if (notificationId) await finishProgress(notificationId, { status: 'error', titleKey: 'jobs.failed' }).catch(() => undefined);
}

/** Registers every job handler on this process (the web process by default, or `npm run worker`). */
export async function startWorkers(): Promise<void> {
  const b = await boss();
  for (const name of Object.keys(QUEUES) as QueueName[]) {
    await b.work(name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
      if (!job) return;
      const payload = QUEUES[name].schema.parse(job.data);
      try {
        await (HANDLERS[name] as (p: typeof payload) => Promise<void>)(payload);
      } catch (e) {
        if (job.retryCount >= job.retryLimit) await reportFinalFailure(payload, e);
        throw e;
      }
    });
  }
}
