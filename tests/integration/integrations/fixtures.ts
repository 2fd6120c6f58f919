import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, accountPrivileges, events } from '@/db/schema';
import type { Actor, Permission } from '@/lib/authz/types';

/** Fixtures for the integrations tests (not a test file itself). */
export async function integrationIdsOf(accountId: string): Promise<string[]> {
  const rows = await db().select().from(accountIntegrations).where(eq(accountIntegrations.accountId, accountId));
  return rows.map((r) => r.integrationId).sort();
}

export async function privilegesOf(accountId: string) {
  const [row] = await db().select().from(accountPrivileges).where(eq(accountPrivileges.accountId, accountId));
  return row ? { delegatedAuthentication: row.delegatedAuthentication, guestAccess: row.guestAccess } : undefined;
}

export async function integrationEvents(accountId: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.accountId, accountId), eq(events.asset, 'Integration')))
    .orderBy(desc(events.seq));
}

/** The actor with only the given "Integrations & apps" boxes ticked (everything else kept). */
export function withIntegrationBoxes(actor: Actor, ops: ('view' | 'add' | 'edit' | 'delete')[]): Actor {
  const others = [...actor.permissions].filter((p) => !p.startsWith('integrations.'));
  return { ...actor, permissions: new Set<Permission>([...others, ...ops.map((op) => `integrations.${op}` as Permission)]) };
}
