import 'server-only';
import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { o365ConsentRequests, o365Consents, presenceMonitors, teamsConnections, teamsPresenceUsers } from '@/db/schema';
import type { IntegrationId } from '@/lib/integrations/catalogue';
import { enqueue } from '@/lib/jobs/boss';
import { WRITE_RETRY } from './push-due-presences';

/**
 * Removing Microsoft Teams forgets its Azure app, its monitors (their Graph subscriptions lapse
 * within the hour; notifications for them are refused from now on) and the sync state; the
 * sessions our app set in Teams are cleared by the `teams-release` job, after any write still in
 * flight. Removing Office 365 forgets its consent (O365-2).
 */
export async function releaseMicrosoftIntegration(tx: Tx, accountId: string, integrationId: IntegrationId): Promise<void> {
  if (integrationId === 'teams') {
    const [conn] = await tx.select().from(teamsConnections).where(eq(teamsConnections.accountId, accountId)).for('update');
    // Users Teams may show our session for: one written, a write whose outcome is unknown, or a
    // write in flight right now (its round ends within the pusher's retry deadline).
    const held = await tx
      .select({ id: teamsPresenceUsers.graphUserId, inFlight: sql<boolean>`${teamsPresenceUsers.claimedUntil} > now()` })
      .from(teamsPresenceUsers)
      .where(and(eq(teamsPresenceUsers.accountId, accountId), isNotNull(teamsPresenceUsers.graphUserId), or(sql`${teamsPresenceUsers.pushedAction} like 'set:%'`, sql`${teamsPresenceUsers.pushedAction} is null`, sql`${teamsPresenceUsers.claimedUntil} > now()`)));
    if (conn && held.length) {
      const inFlight = held.some((h) => h.inFlight);
      await enqueue(tx, 'teams-release', { tenantId: conn.tenantId, clientId: conn.clientId, sealedSecret: conn.clientSecret, graphUserIds: held.map((h) => h.id!) }, inFlight ? { startAfter: Math.ceil(WRITE_RETRY.deadlineMs / 1000) + 5 } : {});
    }
    await tx.delete(presenceMonitors).where(eq(presenceMonitors.accountId, accountId));
    await tx.delete(teamsPresenceUsers).where(eq(teamsPresenceUsers.accountId, accountId));
    await tx.delete(teamsConnections).where(eq(teamsConnections.accountId, accountId));
  }
  if (integrationId === 'office365') {
    await tx.delete(o365Consents).where(eq(o365Consents.accountId, accountId));
    await tx.delete(o365ConsentRequests).where(eq(o365ConsentRequests.accountId, accountId));
  }
}
