import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { graphSubscriptions, presenceMonitors, teamsConnections, teamsPresenceUsers, type GraphSubscription, type PresenceMonitor, type TeamsConnection } from '@/db/schema';
import { graph, GraphError } from '@/lib/adapters/graph';
import { boss } from '@/lib/jobs/boss';
import { env } from '@/lib/env';
import { assignUsers } from './capacity';
import { monitorToken, MonitorUnauthorizedError } from './monitor-token';

/** Graph allows presence subscriptions of at most an hour; ours ask for 55 minutes and renew with 15 left. */
const LIFETIME_MS = 55 * 60_000;
export const RENEW_BEFORE_MS = 15 * 60_000;
/** How long the validation handshake of a creation may take (Graph's own limit is 10 s). */
const HANDSHAKE_MS = 30_000;

export const hashClientState = (value: string) => createHash('sha256').update(value).digest('base64url');
export const notificationUrls = () => ({ notificationUrl: `${env().APP_URL}/api/graph/notifications`, lifecycleNotificationUrl: `${env().APP_URL}/api/graph/lifecycle` });

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * TEAMS-4/6: makes the account's Graph subscriptions what they should be — each authorised
 * monitor subscribed to its ≤ 650 users, renewed before expiry, recreated after Graph removed one
 * or the users changed — and ends the rest. One monitor's failure is recorded on it and the
 * others go on; a transient failure (429, 5xx) is thrown at the end so the job retries.
 */
export async function syncSubscriptions(accountId: string): Promise<void> {
  const [conn] = await db().select().from(teamsConnections).where(eq(teamsConnections.accountId, accountId));
  const existing = await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.accountId, accountId));
  const monitors = await db().select().from(presenceMonitors).where(eq(presenceMonitors.accountId, accountId)).orderBy(asc(presenceMonitors.createdAt), asc(presenceMonitors.id));
  if (!conn) return;
  const active = conn.syncFromTeams ? monitors.filter((m) => m.status === 'authorized' && m.tenantId === conn.tenantId && m.clientId === conn.clientId) : [];
  const userIds = conn.syncFromTeams
    ? (await db().select({ id: teamsPresenceUsers.graphUserId }).from(teamsPresenceUsers).where(and(eq(teamsPresenceUsers.accountId, accountId), eq(teamsPresenceUsers.inScope, true), isNotNull(teamsPresenceUsers.graphUserId))).orderBy(asc(teamsPresenceUsers.graphUserId))).map((r) => r.id!)
    : [];
  const plan = assignUsers(userIds, active);
  let transient: GraphError | null = null;
  const keep = new Set<string>();

  for (const { monitor, userIds: ids } of plan.byMonitor) {
    const current = existing.find((s) => s.monitorId === monitor.id && s.status !== 'removed' && sameIds(s.graphUserIds, ids));
    try {
      if (current && current.expiresAt.getTime() - Date.now() > RENEW_BEFORE_MS && current.status === 'active') {
        keep.add(current.id);
        continue;
      }
      const token = await monitorToken(monitor, conn);
      if (current) {
        try {
          const { expirationDateTime } = await graph.renewSubscription(token, current.id, new Date(Date.now() + LIFETIME_MS));
          await db().update(graphSubscriptions).set({ expiresAt: expirationDateTime, status: 'active', renewedAt: new Date(), lastError: null }).where(eq(graphSubscriptions.id, current.id));
          keep.add(current.id);
          continue;
        } catch (e) {
          if (!(e instanceof GraphError) || e.kind !== 'notFound') throw e;
          // Graph no longer has it: create a new one below.
        }
      }
      const created = await createSubscription(conn, monitor, token, ids);
      keep.add(created.id);
    } catch (e) {
      if (e instanceof MonitorUnauthorizedError) continue;
      if (!(e instanceof GraphError)) throw e;
      if (e.kind === 'throttled' || e.kind === 'unavailable') transient ??= e;
      if (current) await db().update(graphSubscriptions).set({ lastError: e.kind }).where(eq(graphSubscriptions.id, current.id));
      console.error(`[teams-subscriptions] monitor ${monitor.id}: ${e.kind}`);
    }
  }

  // Everything not kept ends: users moved, a monitor gone or unauthorised, sync switched off.
  for (const s of existing.filter((x) => !keep.has(x.id))) await endSubscription(conn, monitors.find((m) => m.id === s.monitorId), s);
  if (transient) throw transient;
}

async function createSubscription(conn: TeamsConnection, monitor: PresenceMonitor, token: Awaited<ReturnType<typeof monitorToken>>, ids: string[]) {
  const clientState = randomBytes(24).toString('base64url');
  // The notification endpoint answers Graph's validation request only while a creation is under way.
  await db().update(teamsConnections).set({ subscribingUntil: new Date(Date.now() + HANDSHAKE_MS) }).where(eq(teamsConnections.accountId, conn.accountId));
  let created;
  try {
    created = await graph.createPresenceSubscription(token, { userIds: ids, ...notificationUrls(), clientState, expirationDateTime: new Date(Date.now() + LIFETIME_MS) });
  } finally {
    await db().update(teamsConnections).set({ subscribingUntil: null }).where(eq(teamsConnections.accountId, conn.accountId));
  }
  await db().insert(graphSubscriptions).values({ id: created.id, accountId: conn.accountId, monitorId: monitor.id, graphUserIds: ids, clientStateHash: hashClientState(clientState), expiresAt: created.expirationDateTime });
  return created;
}

async function endSubscription(conn: TeamsConnection, monitor: PresenceMonitor | undefined, s: GraphSubscription): Promise<void> {
  if (monitor && s.status !== 'removed') {
    try {
      await graph.deleteSubscription(await monitorToken(monitor, conn), s.id);
    } catch {
      // Graph ends it at its expiry anyway; the row goes now so its notifications are refused.
    }
  }
  await db().delete(graphSubscriptions).where(eq(graphSubscriptions.id, s.id));
}

/** From the gateway tick: every account with Teams → MiCollab sync gets its subscriptions checked. */
export async function queueSubscriptionSyncs(): Promise<void> {
  const due = await db()
    .select({ accountId: teamsConnections.accountId })
    .from(teamsConnections)
    .where(sql`${teamsConnections.syncFromTeams} or exists (select 1 from graph_subscriptions g where g.account_id = ${teamsConnections.accountId})`);
  if (!due.length) return;
  const b = await boss();
  for (const { accountId } of due) await b.send('teams-subscriptions', { accountId }, { singletonKey: accountId, singletonSeconds: 50 });
}
