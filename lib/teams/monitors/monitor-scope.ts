import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { presenceMonitors, teamsConnections, type PresenceMonitor, type TeamsConnection } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';

/** The account's Teams connection, for monitor work: monitors share its tenant and app (seed 5655-5660). */
export async function requireConnection(q: DbOrTx, accountId: string): Promise<TeamsConnection> {
  const [conn] = await q.select().from(teamsConnections).where(eq(teamsConnections.accountId, accountId));
  if (!conn) throw new ConflictError('teams.errors.notSetUp');
  return conn;
}

export async function monitorInScope(q: DbOrTx, accountId: string, monitorId: string): Promise<PresenceMonitor> {
  const [m] = await q.select().from(presenceMonitors).where(and(eq(presenceMonitors.accountId, accountId), eq(presenceMonitors.id, monitorId)));
  if (!m) throw new NotFoundError();
  return m;
}

export async function monitorByUpn(q: DbOrTx, accountId: string, upn: string): Promise<PresenceMonitor | null> {
  const [m] = await q.select().from(presenceMonitors).where(and(eq(presenceMonitors.accountId, accountId), sql`lower(${presenceMonitors.upn}) = lower(${upn})`));
  return m ?? null;
}

/** What the audit trail says of a monitor (never its secret or token). */
export function describeMonitor(m: Pick<PresenceMonitor, 'upn' | 'status' | 'statusReason' | 'secretSetAt'>) {
  return { upn: m.upn, status: m.status, statusReason: m.statusReason, clientSecret: `set ${m.secretSetAt.toISOString()}` };
}
