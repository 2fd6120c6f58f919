import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { gateways, teamsConnections } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { lockIntegrations } from '@/lib/integrations/account-state';
import { readSettings } from '@/lib/integrations/settings';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { enqueue } from '@/lib/jobs/boss';
import { SetTeamsSyncInput } from '../schemas';

/**
 * TEAMS-4 "Sync presence from MS Teams to CloudLink" on or off. Only with a MiVoice Business
 * gateway and a MiCollab whose address and password the gateway knows (seed 001 5270-5285), after
 * CloudLink → Teams is on (the seed's two steps, 5531-5536). Off ends the subscriptions.
 */
export async function setTeamsBidirectional({ ctx, input }: Command<unknown>) {
  const parsed = SetTeamsSyncInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const { accountId, enabled } = parsed.data;
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const { rows } = await lockIntegrations(tx, account);
    const [conn] = await tx.select().from(teamsConnections).where(eq(teamsConnections.accountId, account.id)).for('update');
    if (!conn) throw new ConflictError('teams.errors.notSetUp');
    if (conn.syncFromTeams === enabled) return { syncFromTeams: enabled };
    if (enabled) {
      if (!conn.syncToTeams) throw new ConflictError('teams.errors.uniFirst');
      const [gw] = await tx.select({ pbxType: gateways.pbxType }).from(gateways).where(eq(gateways.accountId, account.id)).limit(1);
      if (gw?.pbxType !== 'mivb') throw new ConflictError('teams.errors.needsMivb');
      const micollab = rows.find((r) => r.integrationId === 'micollab');
      const settings = micollab ? readSettings('micollab', micollab.version, micollab.settings) : null;
      if (!settings?.address || !settings.password) throw new ConflictError('teams.errors.needsMicollab');
    }
    await tx.update(teamsConnections).set({ syncFromTeams: enabled, updatedAt: new Date() }).where(eq(teamsConnections.accountId, account.id));
    if (!enabled) await tx.execute(sql`update teams_presence_users set micollab_due_since = null where account_id = ${account.id}::uuid`);
    await enqueue(tx, 'teams-subscriptions', { accountId: account.id }, { singletonKey: account.id });
    await recordIntegrationEdit(tx, ctx, account, 'teams', { before: { syncFromTeams: conn.syncFromTeams }, after: { syncFromTeams: enabled } });
    return { syncFromTeams: enabled };
  });
}
