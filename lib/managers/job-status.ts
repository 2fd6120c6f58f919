import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { getBulkStatus, type BulkStatus } from '@/lib/users/bulk-status';
import { assertCanManage } from './scope';

/**
 * The progress of a managers-bulk job the actor started, for the page's progress panel. Only the
 * requester's own notifications of this feature answer; anything else looks absent.
 */
export async function getManagersJobStatus(q: DbOrTx, actor: Actor, notificationId: unknown): Promise<BulkStatus> {
  assertCanManage(actor);
  const status = await getBulkStatus(q, actor, notificationId);
  if (!status.titleKey.startsWith('managers.progress.')) throw new NotFoundError();
  return status;
}
