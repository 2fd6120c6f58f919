import 'server-only';
import { and, asc, eq, gt, ilike, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { pbxUsers, teamsPresenceUsers, users } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError } from '@/lib/errors';
import { containsPattern, decodeCursor, keysetSlice, tableCursor, tablePageSize, tableSearch, type KeysetPage } from '@/lib/tables/search-params';

export const PRESENCE_HEALTH_FILTERS = ['all', 'unmatched', 'failing', 'pending'] as const;
export const PresenceHealthQuery = z.object({
  q: tableSearch,
  filter: z.enum(PRESENCE_HEALTH_FILTERS).catch('all'),
  cursor: tableCursor,
  size: tablePageSize,
});
export type PresenceHealthQuery = z.infer<typeof PresenceHealthQuery>;

export interface PresenceHealthRow {
  userId: string;
  displayName: string;
  email: string;
  match: string;
  graphUpn: string | null;
  /** Whether the gateway knows a PBX user for them: without one there is nothing to sync. */
  hasPbxUser: boolean;
  presence: string | null;
  decidedBy: string | null;
  pushedAction: string | null;
  pushedAt: string | null;
  sessionExpiresAt: string | null;
  pending: boolean;
  lastStatus: number | null;
  lastError: string | null;
  lastAnswerAt: string | null;
  lastLatencyMs: number | null;
}

/**
 * TEAMS-2 Beyond: per-user sync health — matched or why not, what CloudLink presence was computed
 * and which source decided it, the last write to Teams and Graph's last answer. Keyset-paged by
 * name; filters for the users who need attention.
 */
export async function listPresenceHealth(actor: Actor, accountId: string, query: PresenceHealthQuery): Promise<KeysetPage<PresenceHealthRow>> {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, accountId);
  const t = teamsPresenceUsers;
  const where: (SQL | undefined)[] = [eq(t.accountId, account.id)];
  if (query.filter === 'unmatched') where.push(ne(t.match, 'matched'));
  if (query.filter === 'failing') where.push(isNotNull(t.lastError));
  if (query.filter === 'pending') where.push(isNotNull(t.dirtySince));
  if (query.q) where.push(or(ilike(users.displayName, containsPattern(query.q)), ilike(users.email, containsPattern(query.q))));
  const filter = and(...where);
  const after = decodeCursor(query.cursor);
  const keyset = after && typeof after[0] === 'string' && typeof after[1] === 'string'
    ? or(gt(users.displayName, after[0]), and(eq(users.displayName, after[0]), gt(users.id, after[1])))
    : undefined;
  const fetched = await db()
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      match: t.match,
      graphUpn: t.graphUpn,
      hasPbxUser: sql<boolean>`exists (select 1 from ${pbxUsers} p where p.account_id = ${t.accountId} and p.user_id = ${t.userId} and p.present)`,
      presence: t.presence,
      decidedBy: t.decidedBy,
      pushedAction: t.pushedAction,
      pushedAt: t.pushedAt,
      sessionExpiresAt: t.sessionExpiresAt,
      dirtySince: t.dirtySince,
      lastStatus: t.lastStatus,
      lastError: t.lastError,
      lastAnswerAt: t.lastAnswerAt,
      lastLatencyMs: t.lastLatencyMs,
    })
    .from(t)
    .innerJoin(users, eq(users.id, t.userId))
    .where(and(filter, keyset))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(query.size + 1);
  const [count] = await db().select({ n: sql<number>`count(*)::int` }).from(t).innerJoin(users, eq(users.id, t.userId)).where(filter);
  const page = keysetSlice(fetched, query.size, (r) => [r.displayName, r.userId]);
  return {
    rows: page.rows.map(({ dirtySince, pushedAt, sessionExpiresAt, lastAnswerAt, ...r }) => ({
      ...r,
      pending: dirtySince !== null,
      pushedAt: pushedAt?.toISOString() ?? null,
      sessionExpiresAt: sessionExpiresAt?.toISOString() ?? null,
      lastAnswerAt: lastAnswerAt?.toISOString() ?? null,
    })),
    nextCursor: page.nextCursor,
    total: count?.n ?? 0,
  };
}
