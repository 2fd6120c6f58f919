import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { notifications, type Notification } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';

export type BulkStatus = Pick<Notification, 'status' | 'progress' | 'titleKey' | 'params' | 'details'>;

/**
 * The progress of a bulk job the actor started, for the users page to poll while it runs. Only
 * the requester's own notification is visible; anything else looks absent.
 */
export async function getBulkStatus(q: DbOrTx, actor: Actor, notificationId: unknown): Promise<BulkStatus> {
  const id = z.uuid().safeParse(notificationId);
  if (!id.success || !actor.userId) throw new NotFoundError();
  const [row] = await q
    .select({ status: notifications.status, progress: notifications.progress, titleKey: notifications.titleKey, params: notifications.params, details: notifications.details })
    .from(notifications)
    .where(and(eq(notifications.id, id.data), eq(notifications.userId, actor.userId)))
    .limit(1);
  if (!row) throw new NotFoundError();
  return row;
}
