import 'server-only';
import type { QueuePayload } from '../queues';

/** USR-5: bulk reset passwords / send welcome mails / delete users. (Being written: users work.) */
export async function runUsersBulk(payload: QueuePayload<'users-bulk'>): Promise<void> {
  throw new Error(`users-bulk is not implemented yet (${payload.action})`);
}
