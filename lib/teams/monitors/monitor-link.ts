import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, monitorAuthRequests, presenceMonitors } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { graph, GraphError, MONITOR_SCOPES } from '@/lib/adapters/graph';
import { systemActor } from '@/lib/auth/system-actor';
import { canConfigureIntegrations } from '@/lib/authz';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { ForbiddenError, ValidationError, validationFromZod } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { enqueue } from '@/lib/jobs/boss';
import { forgetMonitorToken } from './monitor-token';
import { describeMonitor, monitorByUpn, requireConnection } from './monitor-scope';
import { MonitorCredentials } from './schemas';

const LINK_HOURS = 24;
const hashState = (state: string) => createHash('sha256').update(state).digest('base64url');
export const monitorRedirectUri = () => `${env().APP_URL}/api/graph/monitor-auth`;

/**
 * TEAMS-4 "Copy URL": saves the monitor (Not authorized until then) and gives the sign-in link the
 * Azure admin opens as that monitor; "Resync status" afterwards shows the result.
 */
export async function createMonitorLink({ ctx, input }: Command<unknown>): Promise<{ url: string; monitorId: string }> {
  const parsed = MonitorCredentials.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const v = parsed.data;
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, v.accountId);
    const conn = await requireConnection(tx, account.id);
    const current = await monitorByUpn(tx, account.id, v.upn);
    if (!v.clientSecret && !current) throw new ValidationError({ clientSecret: ['errors.required'] });
    const now = new Date();
    let id = current?.id;
    if (!current) {
      const [row] = await tx
        .insert(presenceMonitors)
        .values({ accountId: account.id, upn: v.upn, clientSecret: sealSecret(v.clientSecret), secretSetAt: now, status: 'notAuthorized', statusReason: 'awaitingAdmin' })
        .returning();
      id = row!.id;
      await recordIntegrationEdit(tx, ctx, account, 'teams', { before: {}, after: { monitor: describeMonitor(row!) } });
    } else if (v.clientSecret) {
      await tx.update(presenceMonitors).set({ clientSecret: sealSecret(v.clientSecret), secretSetAt: now, updatedAt: now }).where(eq(presenceMonitors.id, current.id));
      await recordIntegrationEdit(tx, ctx, account, 'teams', { before: { monitor: describeMonitor(current) }, after: { monitor: describeMonitor({ ...current, secretSetAt: now }) } });
    }
    const state = randomBytes(24).toString('base64url');
    await tx.insert(monitorAuthRequests).values({ stateHash: hashState(state), accountId: account.id, monitorId: id!, expiresAt: new Date(Date.now() + LINK_HOURS * 3600_000) });
    const url = graph.authorizeUrl({ tenant: conn.tenantId, clientId: conn.clientId, redirectUri: monitorRedirectUri(), state, loginHint: v.upn, scopes: MONITOR_SCOPES });
    return { url, monitorId: id! };
  });
}

export type MonitorLinkOutcome = 'authorized' | 'wrongUser' | 'refused' | 'invalid';

/** Azure's redirect after the copied link: redeems the code with the monitor's own secret. */
export async function completeMonitorLink(params: URLSearchParams): Promise<MonitorLinkOutcome> {
  const state = params.get('state') ?? '';
  if (!state || state.length > 200) return 'invalid';
  const [request] = await db()
    .update(monitorAuthRequests)
    .set({ usedAt: new Date() })
    .where(and(eq(monitorAuthRequests.stateHash, hashState(state)), isNull(monitorAuthRequests.usedAt), gt(monitorAuthRequests.expiresAt, new Date())))
    .returning();
  if (!request) return 'invalid';
  const [monitor] = await db().select().from(presenceMonitors).where(eq(presenceMonitors.id, request.monitorId));
  const [account] = await db().select().from(accounts).where(eq(accounts.id, request.accountId));
  if (!monitor || !account) return 'invalid';
  const conn = await requireConnection(db(), account.id);
  const code = params.get('code');
  let outcome: MonitorLinkOutcome = 'refused';
  let reason: string = params.get('error') ?? 'noCode';
  let refreshToken: string | null = null;
  let azureUserId: string | null = null;
  if (code) {
    try {
      const token = await graph.monitorRedeemCode({ tenantId: conn.tenantId, clientId: conn.clientId, clientSecret: openSecret(monitor.clientSecret), code, redirectUri: monitorRedirectUri(), scopes: MONITOR_SCOPES });
      // Whoever signed in must be the monitor itself: another account would watch as the wrong user.
      if (token.upn.toLowerCase() === monitor.upn.toLowerCase()) {
        outcome = 'authorized';
        refreshToken = token.refreshToken;
        azureUserId = token.userId;
      } else {
        outcome = 'wrongUser';
        reason = 'wrongUser';
      }
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      reason = e.kind;
    }
  }
  await db().transaction(async (tx) => {
    const now = new Date();
    const next = outcome === 'authorized'
      ? { status: 'authorized' as const, statusReason: null, refreshToken: sealSecret(refreshToken!), azureUserId, tenantId: conn.tenantId, clientId: conn.clientId, authorizedAt: now, updatedAt: now }
      : { status: 'notAuthorized' as const, statusReason: reason.slice(0, 100), updatedAt: now };
    await tx.update(presenceMonitors).set(next).where(eq(presenceMonitors.id, monitor.id));
    forgetMonitorToken(monitor.id);
    const ctx = { actor: systemActor({ partnerOrgId: account.partnerOrgId, accountId: account.id }), tx };
    await recordIntegrationEdit(tx, ctx, account, 'teams', { before: { monitor: describeMonitor(monitor) }, after: { monitor: describeMonitor({ ...monitor, ...next }) } });
    if (outcome === 'authorized') await enqueue(tx, 'teams-subscriptions', { accountId: account.id }, { singletonKey: account.id });
  });
  return outcome;
}
