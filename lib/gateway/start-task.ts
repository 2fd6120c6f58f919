import 'server-only';
import type { Tx } from '@/db/client';
import type { Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { enqueue } from '@/lib/jobs/boss';
import { startProgress } from '@/lib/jobs/progress';
import type { QueuePayload } from '@/lib/jobs/queues';

export type GatewayTask = QueuePayload<'gateway-task'>['task'];

/**
 * Every gateway step and support action is a job with progress (GW-2, SUP-4): the notification
 * the wizard follows and the job are created with the change that asked for them.
 */
export async function startGatewayTask(tx: Tx, actor: Actor, account: Account, task: GatewayTask, params: Record<string, string | number> = {}): Promise<{ notificationId: string }> {
  if (!actor.userId) throw new Error('a gateway task needs a person to report to');
  const notificationId = await startProgress({ userId: actor.userId, accountId: account.id, titleKey: `gateway.tasks.${task.kind}.running`, params: { account: account.name, ...params } }, tx);
  await enqueue(tx, 'gateway-task', { accountId: account.id, task, actorUserId: actor.userId, notificationId });
  return { notificationId };
}
