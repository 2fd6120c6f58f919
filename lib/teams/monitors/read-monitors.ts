import 'server-only';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { graphSubscriptions, presenceMonitors, teamsConnections, teamsPresenceUsers } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { secretStatus, type SecretStatus } from '@/lib/crypto/secret-status';
import { ForbiddenError } from '@/lib/errors';
import { monitorFigures } from './capacity';

export interface MonitorView {
  id: string;
  upn: string;
  clientSecret: SecretStatus;
  /** "needsUpdate" also when it was authorised for another tenant or app than the integration's. */
  status: 'authorized' | 'notAuthorized' | 'needsUpdate';
  statusReason: string | null;
  authorizedAt: string | null;
  subscribedUsers: number;
  subscriptionExpiresAt: string | null;
  subscriptionError: string | null;
}

export interface MonitorsView {
  syncFromTeams: boolean;
  figures: ReturnType<typeof monitorFigures>;
  monitors: MonitorView[];
}

/** TEAMS-4 "MS Teams to CloudLink Presence Configuration": the figures at its top and the monitors. */
export async function readMonitors(actor: Actor, accountId: string): Promise<MonitorsView> {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, accountId);
  const [conn] = await db().select().from(teamsConnections).where(eq(teamsConnections.accountId, account.id));
  const monitors = await db().select().from(presenceMonitors).where(eq(presenceMonitors.accountId, account.id)).orderBy(asc(presenceMonitors.createdAt), asc(presenceMonitors.id));
  const subs = await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.accountId, account.id));
  const [users] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(teamsPresenceUsers)
    .where(and(eq(teamsPresenceUsers.accountId, account.id), eq(teamsPresenceUsers.inScope, true), isNotNull(teamsPresenceUsers.graphUserId)));
  const view = monitors.map((m): MonitorView => {
    const mine = subs.filter((s) => s.monitorId === m.id);
    const stale = conn && m.status === 'authorized' && (m.tenantId !== conn.tenantId || m.clientId !== conn.clientId);
    return {
      id: m.id,
      upn: m.upn,
      clientSecret: secretStatus(m.clientSecret, m.secretSetAt),
      status: stale ? 'needsUpdate' : m.status,
      statusReason: m.statusReason,
      authorizedAt: m.authorizedAt?.toISOString() ?? null,
      subscribedUsers: mine.reduce((n, s) => n + s.graphUserIds.length, 0),
      subscriptionExpiresAt: mine[0]?.expiresAt.toISOString() ?? null,
      subscriptionError: mine.find((s) => s.lastError)?.lastError ?? null,
    };
  });
  const authorized = view.filter((m) => m.status === 'authorized').length;
  const subscribed = view.reduce((n, m) => n + m.subscribedUsers, 0);
  return { syncFromTeams: conn?.syncFromTeams ?? false, figures: monitorFigures(users?.n ?? 0, authorized, subscribed), monitors: view };
}
