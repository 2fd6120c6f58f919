import 'server-only';
import type { QueuePayload } from '../queues';

/** ACC-5: removes a deleted account's data completely. (Being written: accounts work.) */
export async function runAccountDelete(payload: QueuePayload<'account-delete'>): Promise<void> {
  throw new Error(`account-delete is not implemented yet (${payload.accountId})`);
}
