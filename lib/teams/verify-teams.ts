import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { gateways, teamsConnections, teamsPresenceUsers, type StoredCheck } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { graph, GraphError } from '@/lib/adapters/graph';
import { isOnline } from '@/lib/adapters/pbx';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { listAccountIntegrationRows } from './integration-rows';
import { appOf } from './teams-app';
import { missingPermissions, secretExpiryStatus, skipRest } from './verification-checks';

const Input = z.object({ accountId: z.string().max(100) });

/**
 * TEAMS-5 "Start verification": asks Azure and our own records, in order, and stops asking Azure
 * once a check it depends on failed. The outcome is kept on the connection (the integration row
 * shows when it last ran). Reads only; nothing it finds is changed.
 */
export async function verifyTeams(actor: Actor, input: unknown): Promise<{ at: string; checks: StoredCheck[] }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, parsed.data.accountId);
  const present = await listAccountIntegrationRows(account.id);
  const checks: StoredCheck[] = [];
  const finish = async (list: StoredCheck[]) => {
    const result = { at: new Date().toISOString(), checks: list };
    await db().update(teamsConnections).set({ lastVerification: result }).where(eq(teamsConnections.accountId, account.id));
    return result;
  };

  if (!present.includes('teams')) return finish(skipRest([{ check: 'integrationAdded', status: 'failed' }], 'setupDone'));
  checks.push({ check: 'integrationAdded', status: 'ok' });
  const [conn] = await db().select().from(teamsConnections).where(eq(teamsConnections.accountId, account.id));
  if (!conn) return finish(skipRest([...checks, { check: 'setupDone', status: 'failed' }], 'credentials'));
  checks.push({ check: 'setupDone', status: 'ok' });

  const app = appOf(conn);
  let roles: string[];
  try {
    roles = (await graph.freshAppToken(app)).roles;
    checks.push({ check: 'credentials', status: 'ok' });
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    return finish(skipRest([...checks, { check: 'credentials', status: 'failed', detail: { reason: e.kind } }], 'adminConsent'));
  }
  if (roles.length === 0) {
    checks.push({ check: 'adminConsent', status: 'failed' }, { check: 'permissions', status: 'skipped' });
  } else {
    checks.push({ check: 'adminConsent', status: 'ok' });
    const missing = missingPermissions(roles);
    checks.push(missing.length ? { check: 'permissions', status: 'failed', detail: { missing: missing.join(', ') } } : { check: 'permissions', status: 'ok' });
  }

  const expiry = await secretExpiry(app, app.clientSecret);
  if (expiry !== undefined) await db().update(teamsConnections).set({ secretExpiresAt: expiry }).where(eq(teamsConnections.accountId, account.id));
  const expiryStatus = secretExpiryStatus(expiry ?? null);
  checks.push({ check: 'secretExpiry', status: expiryStatus, ...(expiry ? { detail: { date: expiry.toISOString() } } : {}) });

  const [gw] = await db().select({ connectedAt: gateways.connectedAt, lastSeenAt: gateways.lastSeenAt }).from(gateways).where(eq(gateways.accountId, account.id)).limit(1);
  checks.push({ check: 'gateway', status: !present.includes('cloudlinkGateway') || !gw?.connectedAt ? 'failed' : isOnline(gw.lastSeenAt) ? 'ok' : 'warning' });
  checks.push({ check: 'syncEnabled', status: conn.syncToTeams ? 'ok' : 'failed' });

  const [counts] = await db()
    .select({
      matched: sql<number>`count(*) filter (where ${teamsPresenceUsers.match} = 'matched')::int`,
      unmatched: sql<number>`count(*) filter (where ${teamsPresenceUsers.match} <> 'matched')::int`,
      failing: sql<number>`count(*) filter (where ${teamsPresenceUsers.lastError} is not null)::int`,
    })
    .from(teamsPresenceUsers)
    .where(and(eq(teamsPresenceUsers.accountId, account.id)));
  const matched = counts?.matched ?? 0;
  const unmatched = counts?.unmatched ?? 0;
  checks.push(
    !conn.syncToTeams
      ? { check: 'usersMatched', status: 'skipped' }
      : { check: 'usersMatched', status: matched === 0 ? 'failed' : unmatched > 0 ? 'warning' : 'ok', detail: { matched, unmatched } },
  );
  const held = conn.backoffUntil && conn.backoffUntil > new Date();
  const failing = counts?.failing ?? 0;
  checks.push({ check: 'graphHealthy', status: held || failing > 0 ? 'warning' : 'ok', detail: { failing, ...(held ? { reason: conn.backoffReason ?? 'unavailable' } : {}) } });
  return finish(checks);
}

/** The end date of the secret in use (Azure shows its first three characters as `hint`); undefined when unreadable. */
async function secretExpiry(app: ReturnType<typeof appOf>, secret: string): Promise<Date | null | undefined> {
  try {
    const registration = await graph.application(app);
    if (!registration) return undefined;
    const mine = registration.secrets.filter((s) => !s.hint || secret.startsWith(s.hint));
    const ends = mine.map((s) => (s.endDateTime ? new Date(s.endDateTime) : null)).filter((d): d is Date => d !== null);
    return ends.length ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
  } catch (e) {
    if (e instanceof GraphError) return undefined;
    throw e;
  }
}
