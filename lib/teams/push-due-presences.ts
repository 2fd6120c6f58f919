import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { teamsConnections } from '@/db/schema';
import { graph, GraphError, type PresenceWrite, type PresenceWriteResult } from '@/lib/adapters/graph';
import { actionKey, desiredPresence } from './desired-presence';
import { claimDuePresences, REFRESH_BEFORE_SECONDS, type ClaimedPresence } from './claim-due-presences';
import { loadTeamsApp } from './teams-app';

/** Our session's lifetime in Teams: long enough to refresh calmly, short enough that a dead portal's presence fades. */
export const SESSION_MINUTES = 15;
const SESSION_DURATION = `PT${SESSION_MINUTES}M`;

/**
 * In-call retries only ride out a blip. Beyond that the rows stay due and the tenant backs off
 * (TEAMS-6): a long in-call retry would hold this round's users, and their newer changes, back.
 */
export const WRITE_RETRY = { maxAttempts: 3, deadlineMs: 20_000, timeoutMs: 10_000 } as const;

/** Errors that say nothing about the user but about the tenant: every write of it waits. */
const TENANT_KINDS = new Set(['throttled', 'unavailable', 'consentMissing', 'invalidSecret', 'secretExpired', 'tenantNotFound', 'clientNotFound']);

type Outcome = 'written' | 'same' | 'failed' | 'held';
interface RowResult {
  user_id: string;
  outcome: Outcome;
  pushed_action: string | null;
  session_expires_at: string | null;
  status: number | null;
  error: string | null;
  presence: string;
  decided_by: string | null;
  next_attempt_at: string | null;
}

export interface PushRound {
  claimed: number;
  written: number;
  failed: number;
  held: number;
}

/** A user's own failure waits longer each time, at most ten minutes (TEAMS-6: the others go on). */
export function userRetryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.min(attempts, 10) * 1000, 10 * 60_000);
}

/**
 * How long a tenant waits after its kind of failure. Graph unreachable: 1, 2, 4, 8, then every 15 s,
 * so its return is noticed within 15 s; a refused connection costs the tenant's budget nothing.
 */
export function tenantBackoffMs(e: GraphError, streak: number): number {
  if (e.kind === 'throttled') return Math.max(e.retryAfterMs ?? 30_000, 1000);
  if (e.kind === 'unavailable') return Math.min(2 ** Math.min(streak, 4) * 1000, 15_000);
  return 5 * 60_000;
}

/**
 * One round of TEAMS-2 pushes: claims what is due, works out each user's session (TEAMS-3), writes
 * only what differs from what Teams has (or is about to expire), and stores each answer. One user's
 * failure is retried on its own; a tenant-wide one (429, 5xx, Azure down, consent or secret gone)
 * puts the tenant on hold without costing its users attempts.
 */
export async function pushDuePresences(limit = 500): Promise<PushRound> {
  const claimed = await claimDuePresences(limit);
  const round: PushRound = { claimed: claimed.length, written: 0, failed: 0, held: 0 };
  const byAccount = new Map<string, ClaimedPresence[]>();
  for (const c of claimed) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c]);
  await Promise.all([...byAccount].map(async ([accountId, rows]) => {
    const results = await pushAccount(accountId, rows);
    for (const r of results) if (r.outcome === 'written') round.written++; else if (r.outcome === 'failed') round.failed++; else if (r.outcome === 'held') round.held++;
  }));
  return round;
}

async function pushAccount(accountId: string, rows: ClaimedPresence[]): Promise<RowResult[]> {
  const loaded = await loadTeamsApp(db(), accountId);
  const now = Date.now();
  const plans = rows.map((row) => {
    const desired = desiredPresence(row.state);
    const action = row.inScope ? desired.action : ({ kind: 'clear' } as const);
    const key = actionKey(action);
    const expiring = action.kind === 'set' && (!row.sessionExpiresAt || row.sessionExpiresAt.getTime() - now < REFRESH_BEFORE_SECONDS * 1000);
    const needed = row.pushedAction === null || row.pushedAction !== key || expiring;
    return { row, desired, action, key, needed };
  });
  const writes: PresenceWrite[] = plans
    .filter((p) => p.needed)
    .map((p) => ({ userId: p.row.graphUserId, action: p.action.kind === 'set' ? { ...p.action, expirationDuration: SESSION_DURATION } : { kind: 'clear' } }));

  let answers = new Map<string, PresenceWriteResult>();
  let tenantError: GraphError | null = null;
  if (writes.length && loaded) {
    try {
      answers = new Map((await graph.writePresences(loaded.app, writes, WRITE_RETRY)).map((a) => [a.userId, a]));
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      tenantError = e;
    }
  }
  const sessionEnd = new Date(Date.now() + SESSION_MINUTES * 60_000).toISOString();
  const results: RowResult[] = plans.map(({ row, desired, action, key, needed }) => {
    const base = { user_id: row.userId, presence: desired.presence, decided_by: desired.decidedBy, pushed_action: key, session_expires_at: null, status: null, error: null, next_attempt_at: null };
    if (!needed) return { ...base, outcome: 'same' };
    if (!loaded) return { ...base, outcome: 'held', error: 'notConfigured' };
    const answer = answers.get(row.graphUserId);
    const err = tenantError ?? (answer && !answer.ok ? answer.error : null);
    if (!answer && !tenantError) return { ...base, outcome: 'held', error: 'noAnswer' };
    if (err) {
      if (TENANT_KINDS.has(err.kind)) {
        tenantError ??= err;
        return { ...base, outcome: 'held', status: err.status ?? null, error: err.kind };
      }
      return { ...base, outcome: 'failed', status: err.status ?? null, error: err.kind, next_attempt_at: new Date(Date.now() + userRetryDelayMs(row.attempts + 1)).toISOString() };
    }
    const status = answer && answer.ok ? answer.status : 200;
    return { ...base, outcome: 'written', status, session_expires_at: action.kind === 'set' ? sessionEnd : null };
  });
  await storeResults(accountId, results, tenantError, loaded?.connection.outageStreak ?? 0);
  return results;
}

async function storeResults(accountId: string, results: RowResult[], tenantError: GraphError | null, streak: number): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.execute(sql`
      with r as (
        select * from jsonb_to_recordset(${JSON.stringify(results)}::jsonb)
          as x(user_id uuid, outcome text, pushed_action text, session_expires_at timestamptz, status int, error text, presence text, decided_by text, next_attempt_at timestamptz)
      )
      update teams_presence_users t set
        presence = r.presence,
        decided_by = r.decided_by,
        -- A write that failed may still have been carried out (its answer lost, a gateway timing
        -- out after Graph did the work): what Teams has is then unknown, and the next write goes
        -- even if the user is back at the state we last knew was written.
        pushed_action = case when r.outcome in ('written', 'same') then r.pushed_action
                             when r.outcome = 'failed' or (r.outcome = 'held' and r.error <> 'notConfigured') then null
                             else t.pushed_action end,
        pushed_at = case when r.outcome = 'written' then now() else t.pushed_at end,
        session_expires_at = case when r.outcome = 'written' then r.session_expires_at else t.session_expires_at end,
        last_status = case when r.outcome in ('written', 'failed', 'held') and r.status is not null then r.status else t.last_status end,
        last_error = case when r.outcome = 'written' then null when r.outcome in ('failed', 'held') then r.error else t.last_error end,
        last_answer_at = case when r.outcome in ('written', 'failed') then now() else t.last_answer_at end,
        last_latency_ms = case when r.outcome = 'written' and t.claimed_dirty_since is not null
                               then (extract(epoch from clock_timestamp() - t.claimed_dirty_since) * 1000)::int else t.last_latency_ms end,
        attempts = case when r.outcome = 'failed' then t.attempts + 1 when r.outcome in ('written', 'same') then 0 else t.attempts end,
        next_attempt_at = case when r.outcome = 'failed' then r.next_attempt_at when r.outcome in ('written', 'same') then null else t.next_attempt_at end,
        dirty_since = case when r.outcome in ('failed', 'held') then least(coalesce(t.dirty_since, 'infinity'), coalesce(t.claimed_dirty_since, now())) else t.dirty_since end,
        claimed_until = null,
        claimed_dirty_since = null
      from r
      where t.account_id = ${accountId}::uuid and t.user_id = r.user_id`);
    // Out of scope and cleared: with sync off the user leaves the list; unmatched, only the Azure link goes.
    await tx.execute(sql`
      delete from teams_presence_users
       where account_id = ${accountId}::uuid and not in_scope and match = 'matched' and dirty_since is null and claimed_until is null
         and (pushed_action is null or pushed_action = 'clear')`);
    await tx.execute(sql`
      update teams_presence_users set graph_user_id = null, pushed_action = null, presence = null, decided_by = null
       where account_id = ${accountId}::uuid and not in_scope and match <> 'matched' and graph_user_id is not null
         and dirty_since is null and claimed_until is null and pushed_action = 'clear'`);
    if (tenantError) {
      const until = new Date(Date.now() + tenantBackoffMs(tenantError, streak));
      await tx.update(teamsConnections).set({ backoffUntil: until, backoffReason: tenantError.kind, outageStreak: streak + 1 }).where(eq(teamsConnections.accountId, accountId));
    } else if (streak > 0) {
      await tx.update(teamsConnections).set({ backoffUntil: null, backoffReason: null, outageStreak: 0 }).where(eq(teamsConnections.accountId, accountId));
    }
  });
}
