import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { pbxUsers, pbxUserStates, teamsPresenceUsers, users } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { graph, GraphError } from '@/lib/adapters/graph';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, NotFoundError, validationFromZod } from '@/lib/errors';
import { loadTeamsApp } from './teams-app';

const Input = z.object({ accountId: z.string().max(100), email: z.email('errors.invalidEmail').max(254) });

export interface UserPresenceReport {
  email: string;
  displayName: string;
  match: string | null;
  graphUpn: string | null;
  pbx: { pbxUserId: string; extension: string | null; lineState: string | null; presence: string | null; dnd: boolean | null } | null;
  cloudlink: { presence: string | null; decidedBy: string | null };
  sync: { pushedAction: string | null; pushedAt: string | null; sessionExpiresAt: string | null; lastStatus: number | null; lastError: string | null; lastLatencyMs: number | null; pending: boolean } | null;
  /** What Teams shows now, asked from Graph; an error kind when it could not be asked. */
  teams: { availability: string; activity: string } | { error: string } | null;
  at: string;
}

/** TEAMS-5 "User configuration" → "Get presence": everything about one user's presence, for "Copy presence data". */
export async function lookupUserPresence(actor: Actor, input: unknown): Promise<UserPresenceReport> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, parsed.data.accountId);
  const [user] = await db()
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.accountId, account.id), sql`lower(${users.email}) = lower(${parsed.data.email})`));
  if (!user) throw new NotFoundError('teams.userConfig.noUser');
  const [row] = await db().select().from(teamsPresenceUsers).where(and(eq(teamsPresenceUsers.accountId, account.id), eq(teamsPresenceUsers.userId, user.id)));
  const [pbx] = await db()
    .select({ pbxUserId: pbxUsers.pbxUserId, extension: pbxUserStates.extension, lineState: pbxUserStates.lineState, presence: pbxUserStates.presence, dnd: pbxUserStates.dnd })
    .from(pbxUsers)
    .leftJoin(pbxUserStates, and(eq(pbxUserStates.accountId, pbxUsers.accountId), eq(pbxUserStates.pbxUserId, pbxUsers.pbxUserId)))
    .where(and(eq(pbxUsers.accountId, account.id), eq(pbxUsers.userId, user.id), eq(pbxUsers.present, true)))
    .limit(1);
  let teams: UserPresenceReport['teams'] = null;
  if (row?.graphUserId) {
    const loaded = await loadTeamsApp(db(), account.id);
    if (loaded) {
      try {
        const [p] = await graph.getPresences(loaded.app, [row.graphUserId]);
        teams = p ? { availability: p.availability, activity: p.activity } : { error: 'notFound' };
      } catch (e) {
        if (!(e instanceof GraphError)) throw e;
        teams = { error: e.kind };
      }
    }
  }
  return {
    email: user.email,
    displayName: user.displayName,
    match: row?.match ?? null,
    graphUpn: row?.graphUpn ?? null,
    pbx: pbx ?? null,
    cloudlink: { presence: row?.presence ?? null, decidedBy: row?.decidedBy ?? null },
    sync: row
      ? {
          pushedAction: row.pushedAction,
          pushedAt: row.pushedAt?.toISOString() ?? null,
          sessionExpiresAt: row.sessionExpiresAt?.toISOString() ?? null,
          lastStatus: row.lastStatus,
          lastError: row.lastError,
          lastLatencyMs: row.lastLatencyMs,
          pending: row.dirtySince !== null,
        }
      : null,
    teams,
    at: new Date().toISOString(),
  };
}
