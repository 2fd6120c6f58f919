import 'server-only';
import { sql } from 'drizzle-orm';
import { fromDrizzle, PgBoss, type SendOptions } from 'pg-boss';
import type { Tx } from '@/db/client';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { QUEUES, type QueueName, type QueuePayload } from './queues';

const holder = globalThis as typeof globalThis & { __portalBoss?: Promise<PgBoss> };

/** While the database is unreachable every polling worker fails each second: say so once a minute. */
let quietUntil = 0;
function logJobError(e: unknown): void {
  if (isDatabaseUnavailable(e)) {
    if (Date.now() < quietUntil) return;
    quietUntil = Date.now() + 60_000;
    return console.error('[jobs] the database is unreachable; the workers keep trying');
  }
  const message = e instanceof Error ? e.message : typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : e;
  console.error('[jobs]', message);
}

/** The queue on the portal's own database (pg-boss keeps its tables in schema `pgboss`). */
export function boss(): Promise<PgBoss> {
  holder.__portalBoss ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    // Supervision and its per-queue monitor (which fails jobs whose worker stopped sending
    // heartbeats) every 10 s rather than pg-boss's 60 s: a killed worker's job is retried within
    // ~40 s instead of up to two minutes.
    const instance = new PgBoss({
      connectionString: url,
      max: 4,
      application_name: 'uc-portal-jobs',
      superviseIntervalSeconds: 10,
      monitorIntervalSeconds: 10,
    });
    instance.on('error', logJobError);
    await instance.start();
    for (const name of Object.keys(QUEUES) as QueueName[]) {
      // createQueue keeps an existing queue as it was; updateQueue brings its options up to date
      // (all but the policy, which pg-boss fixes at creation).
      const { policy, ...options } = QUEUES[name].options as typeof QUEUES[QueueName]['options'] & { policy?: string };
      await instance.createQueue(name, QUEUES[name].options);
      await instance.updateQueue(name, options);
      if (policy && (await instance.getQueue(name))?.policy !== policy) console.warn(JSON.stringify({ event: 'pgboss.queuePolicy', queue: name, wanted: policy }));
    }
    return instance;
  })();
  return holder.__portalBoss;
}

/**
 * Enqueues a job inside the caller's transaction, so the job exists exactly when the change
 * that asked for it commits.
 */
export async function enqueue<Q extends QueueName>(tx: Tx, name: Q, payload: QueuePayload<Q>, options: SendOptions = {}): Promise<string | null> {
  const data = QUEUES[name].schema.parse(payload);
  const b = await boss();
  return b.send(name, data, { ...options, db: fromDrizzle(tx, sql) });
}

export async function stopBoss(): Promise<void> {
  const pending = holder.__portalBoss;
  holder.__portalBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000 });
}
