import 'server-only';
import { deliverMail } from '@/lib/mail/deliver-mail';
import { boss } from './boss';
import { QUEUES } from './queues';

/** Registers every job handler on this process (the web process by default, or `npm run worker`). */
export async function startWorkers(): Promise<void> {
  const b = await boss();
  await b.work('mail-delivery', { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const { mailId } = QUEUES['mail-delivery'].schema.parse(job.data);
    await deliverMail(mailId);
  });
}
