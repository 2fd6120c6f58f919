import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accountIntegrations, presenceMonitors, teamsConnections } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { graph, GraphError } from '@/lib/adapters/graph';
import { canConfigureIntegrations } from '@/lib/authz';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, ValidationError, validationFromZod } from '@/lib/errors';
import { lockIntegrations } from '@/lib/integrations/account-state';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { db } from '@/db/client';
import { ConfigureTeamsInput } from './schemas';
import { teamsSetupView } from './read-teams-setup';

/** Which field a token refusal points at, so the dialog says which value is wrong (TEAMS-1). */
function credentialError(e: GraphError): ValidationError | null {
  switch (e.kind) {
    case 'tenantNotFound':
      return new ValidationError({ tenantId: ['teams.errors.tenantNotFound'] });
    case 'clientNotFound':
      return new ValidationError({ clientId: ['teams.errors.clientNotFound'] });
    case 'invalidSecret':
      return new ValidationError({ clientSecret: ['teams.errors.secretInvalid'] });
    case 'secretExpired':
      return new ValidationError({ clientSecret: ['teams.errors.secretExpired'] });
    default:
      return null;
  }
}

/**
 * TEAMS-1: "Finish setup" of Microsoft Teams (name, tenant id, client id, client secret) and the
 * gear's "replace an expiring secret". The credentials are tried against Azure before anything is
 * stored (a wrong tenant, client or secret is named on its field; Azure unreachable is a form
 * error); the secret is sealed and never shown again. Admin consent may still be missing: the
 * connection is saved and Verify configuration names it.
 */
export async function configureTeams({ ctx, input }: Command<unknown>) {
  const parsed = ConfigureTeamsInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const v = parsed.data;

  // The secret to try: the new one, or the stored one when only the name or ids change.
  const stored = await db().transaction(async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, v.accountId);
    const [row] = await tx.select().from(teamsConnections).where(eq(teamsConnections.accountId, account.id));
    return row ?? null;
  });
  if (!v.clientSecret && !stored) throw new ValidationError({ clientSecret: ['errors.required'] });
  const secret = v.clientSecret || openSecret(stored!.clientSecret);
  try {
    await graph.appToken({ tenantId: v.tenantId, clientId: v.clientId, clientSecret: secret });
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    throw credentialError(e) ?? new ConflictError('teams.errors.azureUnreachable');
  }

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, v.accountId);
    const { rows } = await lockIntegrations(tx, account);
    const row = rows.find((r) => r.integrationId === 'teams');
    if (!row) throw new ConflictError('errors.integrations.notAdded');
    const [current] = await tx.select().from(teamsConnections).where(eq(teamsConnections.accountId, account.id)).for('update');
    const now = new Date();
    const secretChanged = Boolean(v.clientSecret);
    // Another tenant or app: the old one's backoff and verification say nothing about it.
    const moved = Boolean(current && (current.tenantId !== v.tenantId || current.clientId !== v.clientId));
    const values = {
      name: v.name,
      tenantId: v.tenantId,
      clientId: v.clientId,
      ...(secretChanged || !current ? { clientSecret: sealSecret(secret), secretSetAt: now, secretExpiresAt: null } : {}),
      ...(moved ? { backoffUntil: null, backoffReason: null, outageStreak: 0, lastVerification: null, matchedAt: null } : {}),
      updatedAt: now,
    };
    if (current) await tx.update(teamsConnections).set(values).where(eq(teamsConnections.accountId, account.id));
    else await tx.insert(teamsConnections).values({ accountId: account.id, ...values, clientSecret: sealSecret(secret), secretSetAt: now });
    // TEAMS-1/4: monitors share the tenant and app; on another one each needs a new secret and authorisation (seed 5655-5676).
    if (moved) await tx.update(presenceMonitors).set({ status: 'needsUpdate', statusReason: 'tenantOrClientChanged', updatedAt: now }).where(eq(presenceMonitors.accountId, account.id));
    if (!row.setupDone) {
      await tx.update(accountIntegrations).set({ setupDone: true, updatedAt: now }).where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, 'teams')));
    }
    const describe = (c: { name: string; tenantId: string; clientId: string; secretSetAt: Date } | undefined) =>
      c ? { name: c.name, tenantId: c.tenantId, clientId: c.clientId, clientSecret: `set ${c.secretSetAt.toISOString()}` } : {};
    await recordIntegrationEdit(tx, ctx, account, 'teams', {
      before: { setupDone: row.setupDone, ...describe(current) },
      after: { setupDone: true, ...describe({ name: v.name, tenantId: v.tenantId, clientId: v.clientId, secretSetAt: secretChanged || !current ? now : current.secretSetAt }) },
    });
    const [saved] = await tx.select().from(teamsConnections).where(eq(teamsConnections.accountId, account.id));
    return teamsSetupView(saved!);
  });
}
