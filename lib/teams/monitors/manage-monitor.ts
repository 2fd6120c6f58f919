import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { graphSubscriptions, presenceMonitors } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { graph } from '@/lib/adapters/graph';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { enqueue } from '@/lib/jobs/boss';
import { forgetMonitorToken, monitorToken, MonitorUnauthorizedError } from './monitor-token';
import { describeMonitor, monitorInScope, requireConnection } from './monitor-scope';
import { MonitorRef } from './schemas';

/**
 * TEAMS-4 "Resync status": asks Azure whether the monitor's authorisation still holds (after the
 * Azure admin used the copied link, or to see a changed password), and rebuilds subscriptions.
 */
export async function resyncMonitorStatus({ ctx, input }: Command<unknown>) {
  const parsed = MonitorRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const { account, monitor, conn } = await db().transaction(async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    return { account, monitor: await monitorInScope(tx, account.id, parsed.data.monitorId), conn: await requireConnection(tx, account.id) };
  });
  forgetMonitorToken(monitor.id);
  try {
    await monitorToken(monitor, conn);
  } catch (e) {
    if (!(e instanceof MonitorUnauthorizedError)) throw e;
  }
  const [now] = await db().select().from(presenceMonitors).where(eq(presenceMonitors.id, monitor.id));
  if (now?.status === 'authorized') await withTransaction(ctx, (tx) => enqueue(tx, 'teams-subscriptions', { accountId: account.id }, { singletonKey: account.id }));
  return { status: now?.status ?? 'notAuthorized', reason: now?.statusReason ?? null };
}

/** TEAMS-4 delete: its subscriptions are ended in Graph (best effort), its users move to the other monitors. */
export async function deleteMonitor({ ctx, input }: Command<unknown>) {
  const parsed = MonitorRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const { monitor, conn, subs } = await db().transaction(async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const monitor = await monitorInScope(tx, account.id, parsed.data.monitorId);
    return { monitor, conn: await requireConnection(tx, account.id), subs: await tx.select().from(graphSubscriptions).where(eq(graphSubscriptions.monitorId, monitor.id)) };
  });
  if (subs.length) {
    try {
      const token = await monitorToken(monitor, conn);
      for (const s of subs) await graph.deleteSubscription(token, s.id).catch(() => undefined);
    } catch {
      // Not authorised any more: Graph drops its subscriptions within the hour anyway.
    }
  }
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const current = await monitorInScope(tx, account.id, monitor.id);
    await tx.delete(presenceMonitors).where(eq(presenceMonitors.id, current.id));
    forgetMonitorToken(current.id);
    await recordIntegrationEdit(tx, ctx, account, 'teams', { before: { monitor: describeMonitor(current) }, after: {} });
    await enqueue(tx, 'teams-subscriptions', { accountId: account.id }, { singletonKey: account.id });
    return { deleted: true };
  });
}
