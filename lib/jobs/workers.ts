import 'server-only';
import { boss } from './boss';
import { HANDLERS } from './handlers';
import { finishProgress } from './progress';
import { QUEUES, type QueueName } from './queues';
import { startMicollabPusher, startPresencePusher } from '@/lib/teams/presence-pusher';

/** What `runJob` needs of a pg-boss job fetched with `includeMetadata`. */
export type RunnableJob = { data: unknown; retryCount: number; retryLimit: number };

type Handler = (payload: object) => Promise<void>;

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

/**
 * Runs one job of queue `name`: validates its payload, calls the handler and rethrows its error so
 * pg-boss retries; on the last attempt the job's progress notification is finished as failed first.
 */
export async function runJob(name: QueueName, job: RunnableJob, handler: Handler = HANDLERS[name] as Handler): Promise<void> {
  const payload = QUEUES[name].schema.parse(job.data) as object;
  try {
    await handler(payload);
  } catch (e) {
    if (job.retryCount >= job.retryLimit) await reportFinalFailure(payload, e);
    throw e;
  }
}

/** Registers every job handler on this process (the web process by default, or `npm run worker`). */
export async function startWorkers(): Promise<void> {
  const b = await boss();
  for (const name of Object.keys(QUEUES) as QueueName[]) {
    await b.work(name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
      if (job) await runJob(name, job);
    });
  }
  // GW-3: scheduled PBX syncs are queued by a tick (one per minute across all workers).
  await b.schedule('gateway-tick', '* * * * *', {});
  // TEAMS-2: presence to Teams has its own, notification-driven path (lib/teams/presence-pusher.ts).
  startPresencePusher();
  startMicollabPusher();
}
