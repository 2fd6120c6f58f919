import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, gateways, presenceMonitors, teamsConnections, teamsPresenceUsers, type TeamsConnection } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { secretStatus, type SecretStatus } from '@/lib/crypto/secret-status';
import { ForbiddenError } from '@/lib/errors';
import type { StoredCheck } from '@/db/schema';

export interface TeamsSetupView {
  name: string;
  tenantId: string;
  clientId: string;
  clientSecret: SecretStatus;
  /** From Azure when Application.Read.All lets us read it (verification refreshes it). */
  secretExpiresAt: string | null;
  syncToTeams: boolean;
  matchedAt: string | null;
  matchError: string | null;
  /** Graph asked us to wait, or was unreachable: pushes resume then. */
  backoffUntil: string | null;
  backoffReason: string | null;
  lastVerification: { at: string; checks: StoredCheck[] } | null;
  /** TEAMS-4 "Sync presence from MS Teams to CloudLink". */
  syncFromTeams: boolean;
}

export interface TeamsSyncFigures {
  matched: number;
  unmatched: number;
  pending: number;
  failing: number;
}

/** The connection as the browser may see it: the secret only as its status (INT-5). */
export function teamsSetupView(row: TeamsConnection): TeamsSetupView {
  return {
    name: row.name,
    tenantId: row.tenantId,
    clientId: row.clientId,
    clientSecret: secretStatus(row.clientSecret, row.secretSetAt),
    secretExpiresAt: row.secretExpiresAt?.toISOString() ?? null,
    syncToTeams: row.syncToTeams,
    matchedAt: row.matchedAt?.toISOString() ?? null,
    matchError: row.matchError,
    backoffUntil: row.backoffUntil && row.backoffUntil > new Date() ? row.backoffUntil.toISOString() : null,
    backoffReason: row.backoffUntil && row.backoffUntil > new Date() ? row.backoffReason : null,
    lastVerification: row.lastVerification ?? null,
    syncFromTeams: row.syncFromTeams,
  };
}

/** TEAMS-1/2: the Finish-setup dialog and the integration row read this; null before setup. */
export interface TeamsSetupRead {
  setup: TeamsSetupView | null;
  figures: TeamsSyncFigures;
  /** Presence monitors (TEAMS-4): a tenant or app change makes each of them "needs update". */
  monitors: number;
  /** The CloudLink Gateway integration, the source of line states, is on the account (TEAMS-2). */
  hasGateway: boolean;
  /** Teams → MiCollab can be offered: a MiVoice Business gateway (TEAMS-4). */
  mivb: boolean;
}

export async function readTeamsSetup(actor: Actor, accountId: string): Promise<TeamsSetupRead> {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, accountId);
  const [row] = await db().select().from(teamsConnections).where(eq(teamsConnections.accountId, account.id));
  const [figures] = await db()
    .select({
      matched: sql<number>`count(*) filter (where ${teamsPresenceUsers.match} = 'matched' and ${teamsPresenceUsers.inScope})::int`,
      unmatched: sql<number>`count(*) filter (where ${teamsPresenceUsers.match} <> 'matched')::int`,
      pending: sql<number>`count(*) filter (where ${teamsPresenceUsers.dirtySince} is not null)::int`,
      failing: sql<number>`count(*) filter (where ${teamsPresenceUsers.lastError} is not null)::int`,
    })
    .from(teamsPresenceUsers)
    .where(eq(teamsPresenceUsers.accountId, account.id));
  const [monitors] = await db().select({ n: sql<number>`count(*)::int` }).from(presenceMonitors).where(eq(presenceMonitors.accountId, account.id));
  const [integration] = await db()
    .select({ id: accountIntegrations.integrationId })
    .from(accountIntegrations)
    .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, 'cloudlinkGateway')));
  const [gw] = await db().select({ pbxType: gateways.pbxType }).from(gateways).where(eq(gateways.accountId, account.id)).limit(1);
  return {
    setup: row ? teamsSetupView(row) : null,
    figures: figures ?? { matched: 0, unmatched: 0, pending: 0, failing: 0 },
    monitors: monitors?.n ?? 0,
    hasGateway: Boolean(integration),
    mivb: gw?.pbxType === 'mivb',
  };
}

