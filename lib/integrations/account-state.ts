import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { accountIntegrations, accountPrivileges, type Account, type AccountIntegration } from '@/db/schema';
import { INTEGRATION_IDS, isIntegrationId, type IntegrationId } from './catalogue';
import type { IntegrationsState, PrivilegeState } from './privileges';

export interface StoredIntegrations {
  readonly state: IntegrationsState;
  /** The stored rows of catalogue integrations, in catalogue order. */
  readonly rows: readonly (AccountIntegration & { integrationId: IntegrationId })[];
}

/**
 * Takes the account's privileges row `for update`, so concurrent adds, removes and toggles on one
 * account run one after another and each computes from the state the previous one left. An
 * account created before its row existed gets one (all off) first.
 */
export async function lockIntegrations(tx: Tx, account: Account): Promise<StoredIntegrations> {
  await tx.insert(accountPrivileges).values({ accountId: account.id }).onConflictDoNothing();
  const [row] = await tx.select().from(accountPrivileges).where(eq(accountPrivileges.accountId, account.id)).for('update');
  return readWith(tx, account, row);
}

/** The account's integrations and privileges without a lock (reads). */
export async function readIntegrations(q: DbOrTx, account: Pick<Account, 'id'>): Promise<StoredIntegrations> {
  const [row] = await q.select().from(accountPrivileges).where(eq(accountPrivileges.accountId, account.id));
  return readWith(q, account, row);
}

async function readWith(
  q: DbOrTx,
  account: Pick<Account, 'id'>,
  row: { delegatedAuthentication: boolean; guestAccess: boolean } | undefined,
): Promise<StoredIntegrations> {
  const stored = await q.select().from(accountIntegrations).where(eq(accountIntegrations.accountId, account.id));
  const order = (id: IntegrationId) => INTEGRATION_IDS.indexOf(id);
  // Ids the catalogue no longer knows are ignored rather than failing the whole panel.
  const rows = stored
    .filter((r): r is AccountIntegration & { integrationId: IntegrationId } => isIntegrationId(r.integrationId))
    .sort((a, b) => order(a.integrationId) - order(b.integrationId));
  const privileges: PrivilegeState = {
    delegatedAuthentication: row?.delegatedAuthentication ?? false,
    guestAccess: row?.guestAccess ?? false,
  };
  // Customer accounts only: a partner organisation is a separate table and has no account row.
  return { state: { isPartnerOrganisation: false, integrations: rows.map((r) => r.integrationId), privileges }, rows };
}
