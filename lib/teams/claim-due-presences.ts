import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import type { PbxState } from './desired-presence';

/** A session is written again this long before it would expire (TEAMS-2 "refreshed before expiry"). */
export const REFRESH_BEFORE_SECONDS = 5 * 60;
/** A pusher that died mid-write gives its rows back after this. */
const CLAIM_SECONDS = 60;

export interface ClaimedPresence {
  accountId: string;
  userId: string;
  graphUserId: string;
  inScope: boolean;
  pushedAction: string | null;
  sessionExpiresAt: Date | null;
  /** When the change this write answers was received; null for a session refresh. */
  dueSince: Date | null;
  attempts: number;
  state: PbxState | null;
}

type Row = {
  account_id: string;
  user_id: string;
  graph_user_id: string;
  in_scope: boolean;
  pushed_action: string | null;
  session_expires_at: string | Date | null;
  claimed_dirty_since: string | Date | null;
  attempts: number;
  line_state: string | null;
  presence: string | null;
  dnd: boolean | null;
  has_state: boolean;
};

const asDate = (v: string | Date | null) => (v == null ? null : v instanceof Date ? v : new Date(v));

/**
 * Takes up to `limit` users whose Teams write is due — a change not yet written, or a session near
 * its expiry — of tenants Graph is not holding back, oldest first, and reads their PBX states. A
 * taken row's due time moves to `claimed_dirty_since`, so a change arriving while it is written
 * makes it due again instead of being lost. SKIP LOCKED lets any number of pushers share the work.
 *
 * The states are read by a second statement, after the claim: the claim may take a due mark that
 * an event transaction committed after the claim's snapshot was taken (row locks follow the newest
 * row version), and the state that transaction wrote is only visible to a later snapshot. Read in
 * the claim's own statement, the old state would be written and the change lost.
 */
export async function claimDuePresences(limit: number): Promise<ClaimedPresence[]> {
  const taken = (await db().execute(sql`
    with due as (
      select t.account_id, t.user_id
        from teams_presence_users t
        join teams_connections c on c.account_id = t.account_id
       where t.graph_user_id is not null
         and (c.backoff_until is null or c.backoff_until <= now())
         and (t.claimed_until is null or t.claimed_until < now())
         and (t.next_attempt_at is null or t.next_attempt_at <= now())
         and (t.dirty_since is not null
              or (t.session_expires_at is not null and t.session_expires_at < now() + make_interval(secs => ${REFRESH_BEFORE_SECONDS})))
       order by coalesce(t.dirty_since, t.session_expires_at)
       limit ${limit}
         for update of t skip locked
    )
    update teams_presence_users t
       set claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS}),
           claimed_dirty_since = t.dirty_since,
           dirty_since = null
      from due
     where t.account_id = due.account_id and t.user_id = due.user_id
    returning t.account_id, t.user_id, t.graph_user_id, t.in_scope, t.pushed_action, t.session_expires_at, t.claimed_dirty_since, t.attempts`)) as unknown as Omit<Row, 'line_state' | 'presence' | 'dnd' | 'has_state'>[];
  if (!taken.length) return [];
  const states = (await db().execute(sql`
    select c.account_id, c.user_id, s.line_state, s.presence, s.dnd, (s.pbx_user_id is not null) as has_state
      from jsonb_to_recordset(${JSON.stringify(taken.map((r) => ({ account_id: r.account_id, user_id: r.user_id })))}::jsonb) as c(account_id uuid, user_id uuid)
      left join lateral (
        select st.pbx_user_id, st.line_state, st.presence, st.dnd
          from pbx_users p
          join pbx_user_states st on st.account_id = p.account_id and st.pbx_user_id = p.pbx_user_id
         where p.account_id = c.account_id and p.user_id = c.user_id and p.present
         order by greatest(st.line_at, st.presence_at, st.dnd_at) desc nulls last
         limit 1
      ) s on true`)) as unknown as Pick<Row, 'account_id' | 'user_id' | 'line_state' | 'presence' | 'dnd' | 'has_state'>[];
  const stateOf = new Map(states.map((s) => [`${s.account_id}:${s.user_id}`, s]));
  return taken.map((r) => {
    const s = stateOf.get(`${r.account_id}:${r.user_id}`);
    return {
      accountId: r.account_id,
      userId: r.user_id,
      graphUserId: r.graph_user_id,
      inScope: r.in_scope,
      pushedAction: r.pushed_action,
      sessionExpiresAt: asDate(r.session_expires_at),
      dueSince: asDate(r.claimed_dirty_since),
      attempts: r.attempts,
      state: s?.has_state ? { lineState: s.line_state, presence: s.presence, dnd: s.dnd } : null,
    };
  });
}
