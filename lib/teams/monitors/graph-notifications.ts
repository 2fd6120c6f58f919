import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { graphSubscriptions, teamsConnections, teamsPresenceUsers } from '@/db/schema';
import { hashClientState } from './sync-subscriptions';

const Notification = z.object({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(500).optional(),
  changeType: z.string().max(50).optional(),
  resource: z.string().max(1000).optional(),
  resourceData: z.object({ id: z.string().max(200).optional(), availability: z.string().max(50).optional(), activity: z.string().max(50).optional() }).passthrough().optional(),
  lifecycleEvent: z.enum(['reauthorizationRequired', 'subscriptionRemoved', 'missed']).optional(),
});
export const NotificationsBody = z.object({ value: z.array(Notification).min(1).max(1000) });
export type GraphNotification = z.infer<typeof Notification>;

export type Refusal = 'unknownSubscription' | 'clientState';

function sameSecret(given: string | undefined, hash: string): boolean {
  if (!given) return false;
  const a = Buffer.from(hashClientState(given));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The user id a presence notification is about: resourceData.id, or the id in "communications/presences('<id>')". */
export function notifiedUserId(n: GraphNotification): string | null {
  if (n.resourceData?.id) return n.resourceData.id;
  const m = /presences\('([^']{1,200})'\)/.exec(n.resource ?? '');
  return m?.[1] ?? null;
}

/**
 * Splits a Graph delivery into what it may change: each notification must name a subscription we
 * hold and carry its clientState (compared by hash, in constant time); the rest is refused and
 * logged with the reason — a forged or stale delivery changes nothing.
 */
export async function authenticateNotifications(items: GraphNotification[]) {
  const ids = [...new Set(items.map((n) => n.subscriptionId))];
  const subs = await db().select().from(graphSubscriptions).where(inArray(graphSubscriptions.id, ids));
  const byId = new Map(subs.map((s) => [s.id, s]));
  const accepted: { item: GraphNotification; sub: (typeof subs)[number] }[] = [];
  const refused: { subscriptionId: string; reason: Refusal }[] = [];
  for (const item of items) {
    const sub = byId.get(item.subscriptionId);
    if (!sub) refused.push({ subscriptionId: item.subscriptionId, reason: 'unknownSubscription' });
    else if (!sameSecret(item.clientState, sub.clientStateHash)) refused.push({ subscriptionId: item.subscriptionId, reason: 'clientState' });
    else accepted.push({ item, sub });
  }
  for (const r of refused) console.warn(JSON.stringify({ event: 'graph.notification.refused', subscriptionId: r.subscriptionId.slice(0, 100), reason: r.reason }));
  return { accepted, refused };
}

/**
 * TEAMS-4 change notifications: Teams' presence of each user is stored and its way to MiCollab made
 * due (the MiCollab pusher wakes on commit). Without availability in the notification, the
 * pusher reads the presence from Graph.
 */
export async function receiveChangeNotifications(items: GraphNotification[]): Promise<{ accepted: number; refused: number }> {
  const { accepted, refused } = await authenticateNotifications(items.filter((n) => !n.lifecycleEvent));
  // Only a user the notification's own subscription watches: a subscription cannot speak for others.
  const rows = accepted.flatMap(({ item, sub }) => {
    const id = notifiedUserId(item);
    return id && sub.graphUserIds.includes(id) ? [{ account_id: sub.accountId, graph_user_id: id, availability: item.resourceData?.availability ?? null, activity: item.resourceData?.activity ?? null }] : [];
  });
  if (rows.length) {
    await db().transaction(async (tx) => {
      await tx.execute(sql`
        update teams_presence_users t set
          teams_availability = r.availability, teams_activity = r.activity, teams_at = now(),
          micollab_due_since = coalesce(t.micollab_due_since, now())
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(account_id uuid, graph_user_id text, availability text, activity text)
         where t.account_id = r.account_id and t.graph_user_id = r.graph_user_id`);
      await tx.update(graphSubscriptions).set({ lastNotificationAt: new Date() }).where(inArray(graphSubscriptions.id, [...new Set(accepted.map((a) => a.sub.id))]));
      for (const accountId of new Set(rows.map((r) => r.account_id))) await tx.execute(sql`select pg_notify('micollab_presence', ${accountId})`);
    });
  }
  return { accepted: rows.length, refused: refused.length };
}

/**
 * Lifecycle notifications: reauthorizationRequired → renew; subscriptionRemoved → recreate;
 * missed → every user of the subscription is read again from Graph and sent to MiCollab.
 */
export async function receiveLifecycleNotifications(items: GraphNotification[]): Promise<{ accepted: number; refused: number; accounts: string[] }> {
  const { accepted, refused } = await authenticateNotifications(items.filter((n) => n.lifecycleEvent));
  await db().transaction(async (tx) => {
    for (const { item, sub } of accepted) {
      if (item.lifecycleEvent === 'missed') {
        await tx
          .update(teamsPresenceUsers)
          .set({ teamsAvailability: null, teamsActivity: null, micollabDueSince: sql`coalesce(${teamsPresenceUsers.micollabDueSince}, now())` })
          .where(and(eq(teamsPresenceUsers.accountId, sub.accountId), inArray(teamsPresenceUsers.graphUserId, sub.graphUserIds)));
        await tx.execute(sql`select pg_notify('micollab_presence', ${sub.accountId})`);
      } else {
        await tx.update(graphSubscriptions).set({ status: item.lifecycleEvent === 'subscriptionRemoved' ? 'removed' : 'renewing' }).where(sql`${graphSubscriptions.id} = ${sub.id}`);
      }
    }
  });
  return { accepted: accepted.length, refused: refused.length, accounts: [...new Set(accepted.filter((a) => a.item.lifecycleEvent !== 'missed').map((a) => a.sub.accountId))] };
}

/**
 * Graph's validation request (`?validationToken=`) is answered only while one of our creations is
 * under way; a replayed or unsolicited one is refused, so the endpoint cannot be enrolled by others.
 */
export async function validationExpected(): Promise<boolean> {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(teamsConnections).where(gt(teamsConnections.subscribingUntil, new Date()));
  return (row?.n ?? 0) > 0;
}
