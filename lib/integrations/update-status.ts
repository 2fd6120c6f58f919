import 'server-only';
import type { DbOrTx } from '@/db/client';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { getBulkStatus, type BulkStatus } from '@/lib/users/bulk-status';

/** The progress of an integration update the actor started (INT-4), for the panel's progress bar. */
export async function getIntegrationUpdateStatus(q: DbOrTx, actor: Actor, notificationId: unknown): Promise<BulkStatus> {
  authorize(actor, 'integrations', 'view');
  const status = await getBulkStatus(q, actor, notificationId);
  if (!status.titleKey.startsWith('integrations.update.')) throw new NotFoundError();
  return status;
}
