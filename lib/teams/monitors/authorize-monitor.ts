import 'server-only';
import { count, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { presenceMonitors } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { graph, GraphError, MONITOR_SCOPES, type DelegatedToken } from '@/lib/adapters/graph';
import { canConfigureIntegrations } from '@/lib/authz';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, LimitExceededError, ValidationError, validationFromZod } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { enqueue } from '@/lib/jobs/boss';
import { forgetMonitorToken } from './monitor-token';
import { describeMonitor, monitorByUpn, requireConnection } from './monitor-scope';
import { AuthorizeMonitorInput } from './schemas';

/** More monitors than this would watch 32,500 users: far past any PBX the gateway serves. */
export const MAX_MONITORS = 50;

export type AuthorizeResult = { authorized: true; monitorId: string } | { authorized: false; monitorId: string; reason: string };

/**
 * TEAMS-4 "Authorize now" (also Retry, and Refresh with a new secret): signs the monitor in to the
 * Teams app with its own password and client secret. The monitor is kept either way — "Not
 * authorized" with Azure's reason when the sign-in fails — and the subscriptions are rebuilt.
 * The password is used once and never stored; only the refresh token is (sealed).
 */
export async function authorizeMonitor({ ctx, input }: Command<unknown>): Promise<AuthorizeResult> {
  const parsed = AuthorizeMonitorInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const v = parsed.data;
  const { conn, existing } = await db().transaction(async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, v.accountId);
    return { conn: await requireConnection(tx, account.id), existing: await monitorByUpn(tx, account.id, v.upn) };
  });
  if (!v.clientSecret && !existing) throw new ValidationError({ clientSecret: ['errors.required'] });
  const secret = v.clientSecret || openSecret(existing!.clientSecret);

  let token: DelegatedToken | null = null;
  let reason: string | null = null;
  try {
    token = await graph.monitorSignIn({ tenantId: conn.tenantId, clientId: conn.clientId, clientSecret: secret, username: v.upn, password: v.password, scopes: MONITOR_SCOPES });
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    reason = e.kind;
  }

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, v.accountId);
    const current = await monitorByUpn(tx, account.id, v.upn);
    if (!current) {
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(presenceMonitors).where(eq(presenceMonitors.accountId, account.id));
      if (n >= MAX_MONITORS) throw new LimitExceededError('teams.monitors.errors.tooMany');
    }
    const now = new Date();
    const values = {
      upn: v.upn,
      ...(v.clientSecret || !current ? { clientSecret: sealSecret(secret), secretSetAt: now } : {}),
      status: token ? ('authorized' as const) : ('notAuthorized' as const),
      statusReason: reason,
      refreshToken: token ? sealSecret(token.refreshToken) : (current?.refreshToken ?? null),
      azureUserId: token?.userId ?? current?.azureUserId ?? null,
      tenantId: conn.tenantId,
      clientId: conn.clientId,
      authorizedAt: token ? now : (current?.authorizedAt ?? null),
      updatedAt: now,
    };
    let id: string;
    if (current) {
      await tx.update(presenceMonitors).set(values).where(eq(presenceMonitors.id, current.id));
      id = current.id;
    } else {
      const [row] = await tx.insert(presenceMonitors).values({ accountId: account.id, clientSecret: sealSecret(secret), secretSetAt: now, ...values }).returning({ id: presenceMonitors.id });
      id = row!.id;
    }
    forgetMonitorToken(id);
    const [saved] = await tx.select().from(presenceMonitors).where(eq(presenceMonitors.id, id));
    await recordIntegrationEdit(tx, ctx, account, 'teams', { before: current ? { monitor: describeMonitor(current) } : {}, after: { monitor: describeMonitor(saved!) } });
    if (token) await enqueue(tx, 'teams-subscriptions', { accountId: account.id }, { singletonKey: account.id });
    return token ? { authorized: true, monitorId: id } : { authorized: false, monitorId: id, reason: reason ?? 'unknown' };
  });
}
