import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { teamsConnections } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { lockIntegrations } from '@/lib/integrations/account-state';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { enqueue } from '@/lib/jobs/boss';
import { SetTeamsSyncInput } from './schemas';

/**
 * TEAMS-2 "Sync presence from CloudLink to MS Teams" on or off. On: the users are matched to Azure
 * by a job, which makes everyone's write due. Off: every session we set is cleared by the pusher,
 * then the rows go. Needs the gateway (the source of line states) and a finished setup.
 */
export async function setTeamsSync({ ctx, input }: Command<unknown>) {
  const parsed = SetTeamsSyncInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const { accountId, enabled } = parsed.data;
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const { rows } = await lockIntegrations(tx, account);
    if (!rows.some((r) => r.integrationId === 'teams')) throw new ConflictError('errors.integrations.notAdded');
    if (!rows.some((r) => r.integrationId === 'cloudlinkGateway')) throw new ConflictError('teams.errors.needsGateway');
    const [conn] = await tx.select().from(teamsConnections).where(eq(teamsConnections.accountId, account.id)).for('update');
    if (!conn) throw new ConflictError('teams.errors.notSetUp');
    if (conn.syncToTeams === enabled) return { syncToTeams: enabled };
    await tx.update(teamsConnections).set({ syncToTeams: enabled, updatedAt: new Date(), ...(enabled ? { matchedAt: null, matchError: null } : {}) }).where(eq(teamsConnections.accountId, account.id));
    if (enabled) {
      await enqueue(tx, 'teams-match', { accountId: account.id });
    } else {
      await tx.execute(sql`delete from teams_presence_users where account_id = ${account.id}::uuid and graph_user_id is null`);
      await tx.execute(sql`
        update teams_presence_users set in_scope = false, match = 'matched', dirty_since = coalesce(dirty_since, now())
         where account_id = ${account.id}::uuid`);
      await tx.execute(sql`select pg_notify('teams_presence', ${account.id})`);
    }
    await recordIntegrationEdit(tx, ctx, account, 'teams', { before: { syncToTeams: conn.syncToTeams }, after: { syncToTeams: enabled } });
    return { syncToTeams: enabled };
  });
}
