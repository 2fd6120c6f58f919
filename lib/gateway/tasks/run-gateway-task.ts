import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, gateways, notifications, type Gateway } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { solutionActor } from '@/lib/auth/system-actor';
import { loadActorForJob } from '@/lib/auth/load-actor';
import { can, canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { finishProgress, reportProgress } from '@/lib/jobs/progress';
import type { QueuePayload } from '@/lib/jobs/queues';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { failureOf } from './failure';
import { performTask, type TaskOutcome } from './perform-task';

type Payload = QueuePayload<'gateway-task'>;
const SUPPORT = new Set(['fetchLogs', 'callTrace', 'restart', 'scheduleUpdate', 'performUpdate']);

/** Who may still run it: the step commands and support actions were authorised; the job checks again. */
function mayRun(actor: Actor, kind: string): boolean {
  return SUPPORT.has(kind) ? can(actor, 'support', 'view') : canConfigureIntegrations(actor);
}

/**
 * A wizard step or a support action (GW-2, SUP-4), through lib/adapters/pbx, reported on the
 * requester's notification. A failure is stored on the gateway (the integration's error state,
 * for wizard steps) and becomes the notification: what went wrong and what to do.
 */
export async function runGatewayTask(payload: Payload): Promise<void> {
  const { accountId, task, actorUserId, notificationId } = payload;
  const [note] = await db().select({ status: notifications.status }).from(notifications).where(eq(notifications.id, notificationId)).limit(1);
  if (note && note.status !== 'running') return;
  const actor = await loadActorForJob(db(), actorUserId);
  if (!actor || !mayRun(actor, task.kind)) return finishProgress(notificationId, { status: 'error', titleKey: 'gateway.errors.forbidden' });
  const account = await getAccountInScope(db(), actor, accountId).catch(() => null);
  const [gateway] = account ? await db().select().from(gateways).where(eq(gateways.accountId, account.id)).limit(1) : [];
  if (!account || !gateway) return finishProgress(notificationId, { status: 'error', titleKey: 'gateway.errors.noGateway' });

  const progress = (percent: number) => reportProgress(notificationId, percent, 100);
  let outcome: TaskOutcome;
  try {
    outcome = await performTask(task, gateway as Gateway & { accountId: string }, progress);
  } catch (e) {
    const failure = failureOf(e);
    if (!failure) throw e; // unexpected: pg-boss and runJob report it
    if (!SUPPORT.has(task.kind)) {
      await db().update(gateways).set({ errorKey: failure.key, errorParams: failure.params, updatedAt: new Date() }).where(eq(gateways.id, gateway.id));
    }
    await finishProgress(notificationId, { status: 'error', titleKey: failure.key, params: failure.params });
    return;
  }
  await db().transaction(async (tx) => {
    const [fresh] = await tx.select().from(accounts).where(eq(accounts.id, account.id)).limit(1);
    if (fresh) {
      await recordIntegrationEdit(tx, { actor: solutionActor(fresh), tx }, fresh, 'cloudlinkGateway', {
        before: {},
        after: outcome.audit,
        core: { task: task.kind, requestedBy: actor.name },
      });
    }
    await finishProgress(notificationId, { status: 'success', titleKey: `gateway.tasks.${task.kind}.done`, params: outcome.params, ...(outcome.details ? { details: outcome.details } : {}) }, tx);
  });
}
