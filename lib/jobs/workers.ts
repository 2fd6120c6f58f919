import 'server-only';
import { boss } from './boss';
import { HANDLERS } from './handlers';
import { QUEUES, type QueueName } from './queues';

/** Registers every job handler on this process (the web process by default, or `npm run worker`). */
export async function startWorkers(): Promise<void> {
  const b = await boss();
  for (const name of Object.keys(QUEUES) as QueueName[]) {
    await b.work(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      const payload = QUEUES[name].schema.parse(job.data);
      await (HANDLERS[name] as (p: typeof payload) => Promise<void>)(payload);
    });
  }
}
