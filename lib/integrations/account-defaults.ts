import 'server-only';
import type { Tx } from '@/db/client';
import { accountIntegrations, accountPrivileges } from '@/db/schema';
import { defaultIntegrations, integrationDefinition } from './catalogue';

/** A new customer account's default integrations (Chat) and its privileges row, in the caller's transaction. */
export async function insertAccountDefaults(tx: Tx, accountId: string): Promise<void> {
  const rows = defaultIntegrations().map((integrationId) => {
    const d = integrationDefinition(integrationId);
    return { accountId, integrationId, version: d.version, setupDone: d.setup === 'none' };
  });
  if (rows.length) await tx.insert(accountIntegrations).values(rows).onConflictDoNothing();
  await tx.insert(accountPrivileges).values({ accountId }).onConflictDoNothing();
}
