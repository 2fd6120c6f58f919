import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { gateways } from '@/db/schema';
import { graph, GraphError } from '@/lib/adapters/graph';
import { GatewayCommandError, GatewayOfflineError, pbx, type MicollabPresenceUpdate } from '@/lib/adapters/pbx';
import { loadTeamsApp } from '../teams-app';

/** Gateway offline or Graph unreadable: the users wait this long, then try again. */
const HOLD_SECONDS = 10;

type Claimed = { account_id: string; user_id: string; graph_user_id: string; availability: string | null; activity: string | null; pbx_user_id: string | null; email: string };

/**
 * TEAMS-4: one round of Teams → MiCollab. Takes the users whose Teams presence changed (or must be
 * read again after a "missed"), reads the missing presences from Graph, and sends them per
 * account to the gateway, which hands them to MiCollab. A user without a PBX user is skipped with
 * the reason; an offline gateway holds the account's users for a few seconds.
 */
export async function pushDueMicollab(limit = 500): Promise<{ claimed: number }> {
  const claimed = (await db().execute(sql`
    with due as (
      select t.account_id, t.user_id from teams_presence_users t
       where t.micollab_due_since is not null and (t.micollab_claimed_until is null or t.micollab_claimed_until < now())
       order by t.micollab_due_since limit ${limit} for update of t skip locked
    )
    update teams_presence_users t set micollab_claimed_until = now() + interval '60 seconds', micollab_due_since = null
      from due
     where t.account_id = due.account_id and t.user_id = due.user_id
    returning t.account_id, t.user_id, t.graph_user_id, t.teams_availability as availability, t.teams_activity as activity,
      (select p.pbx_user_id from pbx_users p where p.account_id = t.account_id and p.user_id = t.user_id and p.present limit 1) as pbx_user_id,
      (select u.email from users u where u.id = t.user_id) as email`)) as unknown as Claimed[];
  const byAccount = new Map<string, Claimed[]>();
  for (const c of claimed) byAccount.set(c.account_id, [...(byAccount.get(c.account_id) ?? []), c]);
  await Promise.all([...byAccount].map(([accountId, rows]) => pushAccount(accountId, rows)));
  return { claimed: claimed.length };
}

async function pushAccount(accountId: string, rows: Claimed[]): Promise<void> {
  const results = new Map<string, { error: string | null; hold: boolean; availability?: string; activity?: string }>();
  const missing = rows.filter((r) => !r.availability && r.graph_user_id);
  if (missing.length) {
    try {
      const loaded = await loadTeamsApp(db(), accountId);
      const read = loaded ? await graph.getPresences(loaded.app, missing.map((r) => r.graph_user_id)) : [];
      const byId = new Map(read.map((p) => [p.id, p]));
      for (const r of missing) {
        const p = byId.get(r.graph_user_id);
        if (p) Object.assign(r, { availability: p.availability, activity: p.activity });
      }
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      for (const r of missing) results.set(r.user_id, { error: e.kind, hold: true });
    }
  }
  const sendable = rows.filter((r) => !results.has(r.user_id) && r.pbx_user_id && r.availability);
  for (const r of rows) if (!results.has(r.user_id) && !r.pbx_user_id) results.set(r.user_id, { error: 'noPbxUser', hold: false });
  if (sendable.length) {
    const [gw] = await db().select({ id: gateways.id, accountId: gateways.accountId }).from(gateways).where(eq(gateways.accountId, accountId)).limit(1);
    const updates: MicollabPresenceUpdate[] = sendable.map((r) => ({ pbxUserId: r.pbx_user_id!, email: r.email, availability: r.availability!, activity: r.activity ?? r.availability! }));
    try {
      if (!gw) throw new GatewayOfflineError('none');
      await pbx.setMicollabPresence(gw, updates);
      for (const r of sendable) results.set(r.user_id, { error: null, hold: false, availability: r.availability!, activity: r.activity ?? undefined });
    } catch (e) {
      if (!(e instanceof GatewayOfflineError) && !(e instanceof GatewayCommandError)) throw e;
      const kind = e instanceof GatewayOfflineError ? 'gatewayOffline' : `gateway:${e.code}`;
      for (const r of sendable) results.set(r.user_id, { error: kind, hold: e instanceof GatewayOfflineError });
    }
  }
  const payload = rows.map((r) => ({ user_id: r.user_id, ...(results.get(r.user_id) ?? { error: 'noPresence', hold: false }) }));
  await db().execute(sql`
    update teams_presence_users t set
      micollab_pushed_at = case when r.error is null then now() else t.micollab_pushed_at end,
      micollab_error = r.error,
      -- A presence read from Graph is kept only if nothing newer came in meanwhile (a notification, a resync).
      teams_availability = case when t.teams_availability is null and t.micollab_due_since is null then r.availability else t.teams_availability end,
      teams_activity = case when t.teams_availability is null and t.micollab_due_since is null then r.activity else t.teams_activity end,
      micollab_due_since = case when r.hold then coalesce(t.micollab_due_since, now()) else t.micollab_due_since end,
      micollab_claimed_until = case when r.hold then now() + make_interval(secs => ${HOLD_SECONDS}) else null end
      from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(user_id uuid, error text, hold boolean, availability text, activity text)
     where t.account_id = ${accountId}::uuid and t.user_id = r.user_id`);
}
