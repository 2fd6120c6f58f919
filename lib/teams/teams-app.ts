import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teamsConnections, type TeamsConnection } from '@/db/schema';
import type { GraphApp } from '@/lib/adapters/graph';
import { openSecret } from '@/lib/crypto/secret-box';

/** The account's Azure app with its secret opened, for jobs talking to Graph; null without setup. */
export async function loadTeamsApp(q: DbOrTx, accountId: string): Promise<{ connection: TeamsConnection; app: GraphApp } | null> {
  const [connection] = await q.select().from(teamsConnections).where(eq(teamsConnections.accountId, accountId));
  if (!connection) return null;
  return { connection, app: appOf(connection) };
}

export function appOf(c: TeamsConnection): GraphApp {
  return { tenantId: c.tenantId, clientId: c.clientId, clientSecret: openSecret(c.clientSecret) };
}
