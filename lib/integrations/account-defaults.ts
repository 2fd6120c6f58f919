import 'server-only';
import type { Tx } from '@/db/client';
import { accountIntegrations, accountPrivileges, type NewAccountIntegration } from '@/db/schema';
import { defaultIntegrations, integrationDefinition, type IntegrationId } from './catalogue';
import { defaultSettings, isConfigurable } from './settings';

/** The row of a newly added integration: the shipped version, its default settings, set up unless it has a setup step. */
export function newIntegrationRow(accountId: string, integrationId: IntegrationId): NewAccountIntegration {
  const d = integrationDefinition(integrationId);
  const settings = isConfigurable(integrationId) ? (defaultSettings(integrationId, d.version) as unknown as Record<string, unknown>) : {};
  return { accountId, integrationId, version: d.version, setupDone: d.setup === 'none', settings };
}

/** A new customer account's default integrations (Chat) and its privileges row, in the caller's transaction. */
export async function insertAccountDefaults(tx: Tx, accountId: string): Promise<void> {
  const rows = defaultIntegrations().map((integrationId) => newIntegrationRow(accountId, integrationId));
  if (rows.length) await tx.insert(accountIntegrations).values(rows).onConflictDoNothing();
  await tx.insert(accountPrivileges).values({ accountId }).onConflictDoNothing();
}
