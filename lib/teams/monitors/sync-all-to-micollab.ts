import 'server-only';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { teamsConnections, teamsPresenceUsers } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';

const Input = z.object({ accountId: z.string().max(100) });
/** How long the dialog waits for the pusher before it reports what is still on its way. */
const WAIT_MS = 20_000;

/**
 * TEAMS-5 "Sync all MS Teams presence to MiCollab": every monitored user's presence is read from
 * Graph again and sent to MiCollab; answers when done ("Synchronisation complete…") or, past 20 s,
 * with how many are still on their way.
 */
export async function syncAllToMicollab({ ctx, input }: Command<unknown>): Promise<{ users: number; sent: number; failed: number; pending: number }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const { accountId, users } = await withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const [conn] = await tx.select({ syncFromTeams: teamsConnections.syncFromTeams }).from(teamsConnections).where(eq(teamsConnections.accountId, account.id));
    if (!conn?.syncFromTeams) throw new ConflictError('teams.errors.bidirectionalOff');
    const marked = await tx.execute(sql`
      update teams_presence_users set teams_availability = null, teams_activity = null, micollab_due_since = coalesce(micollab_due_since, now())
       where account_id = ${account.id}::uuid and in_scope and graph_user_id is not null returning 1`);
    await tx.execute(sql`select pg_notify('micollab_presence', ${account.id})`);
    await recordIntegrationEdit(tx, ctx, account, 'teams', { before: {}, after: { micollabResync: marked.length } });
    return { accountId: account.id, users: marked.length };
  });
  const started = Date.now();
  const scope = and(eq(teamsPresenceUsers.accountId, accountId), eq(teamsPresenceUsers.inScope, true), isNotNull(teamsPresenceUsers.graphUserId));
  for (;;) {
    const [c] = await db()
      .select({
        pending: sql<number>`count(*) filter (where ${teamsPresenceUsers.micollabDueSince} is not null or ${teamsPresenceUsers.micollabClaimedUntil} > now())::int`,
        failed: sql<number>`count(*) filter (where ${teamsPresenceUsers.micollabError} is not null)::int`,
      })
      .from(teamsPresenceUsers)
      .where(scope);
    const pending = c?.pending ?? 0;
    if (pending === 0 || Date.now() - started > WAIT_MS) return { users, sent: users - pending - (c?.failed ?? 0), failed: c?.failed ?? 0, pending };
    await new Promise((r) => setTimeout(r, 250));
  }
}
