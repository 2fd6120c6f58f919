import 'server-only';
import { and, eq, lt, or, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { teamsConnections, users } from '@/db/schema';
import { graph, GraphError } from '@/lib/adapters/graph';
import { boss } from '@/lib/jobs/boss';
import { azureIndex, matchUser } from './match-rules';
import { loadTeamsApp } from './teams-app';

/** Azure errors worth a retry of the job; the others wait for the admin (wrong secret, consent). */
const TRANSIENT = new Set(['throttled', 'unavailable']);
const CHUNK = 1000;

/**
 * TEAMS-2: matches every active user of the account to Azure (UPN or mail), keeps the reason for
 * those who do not match, and makes a write due for each newly matched user — which is how
 * enabling sync pushes everyone's state. A user who no longer matches leaves scope: the pusher
 * clears their session first.
 */
export async function matchAzureUsers(accountId: string): Promise<void> {
  const loaded = await loadTeamsApp(db(), accountId);
  if (!loaded || !loaded.connection.syncToTeams) return;
  let azure;
  try {
    azure = await graph.listUsers(loaded.app);
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    await db().update(teamsConnections).set({ matchError: e.kind }).where(eq(teamsConnections.accountId, accountId));
    if (TRANSIENT.has(e.kind)) throw e;
    return;
  }
  const index = azureIndex(azure);
  await db().transaction(async (tx) => {
    const [conn] = await tx.select({ syncToTeams: teamsConnections.syncToTeams }).from(teamsConnections).where(eq(teamsConnections.accountId, accountId)).for('update');
    if (!conn?.syncToTeams) return;
    const people = await tx.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.accountId, accountId), eq(users.inactive, false)));
    const rows = people.map((p) => {
      const m = matchUser(p.email, index);
      return { user_id: p.id, match: m.match, graph_user_id: m.azure?.id ?? null, graph_upn: m.azure?.userPrincipalName ?? null };
    });
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.execute(sql`
        insert into teams_presence_users (account_id, user_id, match, graph_user_id, graph_upn, in_scope, dirty_since)
        select ${accountId}::uuid, r.user_id, r.match, r.graph_user_id, r.graph_upn, r.match = 'matched',
               case when r.match = 'matched' then now() end
          from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb) as r(user_id uuid, match text, graph_user_id text, graph_upn text)
        on conflict (account_id, user_id) do update set
          match = excluded.match,
          graph_upn = coalesce(excluded.graph_upn, teams_presence_users.graph_upn),
          -- the Azure user stays known until its session is cleared
          graph_user_id = case when excluded.match = 'matched' then excluded.graph_user_id
                               when teams_presence_users.pushed_action is null or teams_presence_users.pushed_action = 'clear' then null
                               else teams_presence_users.graph_user_id end,
          in_scope = excluded.match = 'matched',
          dirty_since = case when (excluded.match = 'matched') <> teams_presence_users.in_scope
                               or excluded.graph_user_id is distinct from teams_presence_users.graph_user_id
                             then coalesce(teams_presence_users.dirty_since, now())
                             else teams_presence_users.dirty_since end`);
    }
    // Users gone inactive (or the matched e-mail gone) leave scope.
    await tx.execute(sql`
      update teams_presence_users t set in_scope = false, match = 'notInAzure', dirty_since = coalesce(t.dirty_since, now())
        from users u
       where t.account_id = ${accountId}::uuid and u.id = t.user_id and u.inactive and t.in_scope`);
    await tx.update(teamsConnections).set({ matchedAt: new Date(), matchError: null }).where(eq(teamsConnections.accountId, accountId));
    await tx.execute(sql`select pg_notify('teams_presence', ${accountId})`);
  });
  // TEAMS-4: the monitored users follow the matched ones.
  if (loaded.connection.syncFromTeams) await (await boss()).send('teams-subscriptions', { accountId }, { singletonKey: accountId });
}

/** Hourly from the gateway tick: new users and Azure changes are picked up without anyone asking. */
export async function queueHourlyMatches(): Promise<void> {
  const due = await db()
    .select({ accountId: teamsConnections.accountId })
    .from(teamsConnections)
    .where(and(eq(teamsConnections.syncToTeams, true), or(isNull(teamsConnections.matchedAt), lt(teamsConnections.matchedAt, sql`now() - interval '1 hour'`))));
  if (!due.length) return;
  const b = await boss();
  for (const { accountId } of due) await b.send('teams-match', { accountId }, { singletonKey: accountId, singletonSeconds: 600 });
}
