import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accountIntegrations, accounts, ssoConnections, type SsoConnection } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import { SSO_INTEGRATIONS } from './schemas';

/**
 * The account's SAML connection while it is in force: the SSO integration is still on the account
 * and its setup is finished. Removing the integration removes the connection too, but this join
 * keeps a half-removed state from ever signing anyone in.
 */
export async function activeConnection(q: DbOrTx, accountId: string): Promise<(SsoConnection & { accountStatus: string }) | null> {
  // The id comes from a URL anyone can type; PostgreSQL would refuse a malformed uuid with an error.
  if (!isUuid(accountId)) return null;
  const [row] = await q
    .select({ connection: ssoConnections, accountStatus: accounts.status })
    .from(ssoConnections)
    .innerJoin(accounts, eq(accounts.id, ssoConnections.accountId))
    .innerJoin(
      accountIntegrations,
      and(eq(accountIntegrations.accountId, ssoConnections.accountId), eq(accountIntegrations.integrationId, ssoConnections.integrationId), eq(accountIntegrations.setupDone, true)),
    )
    .where(and(eq(ssoConnections.accountId, accountId), inArray(ssoConnections.integrationId, [...SSO_INTEGRATIONS])))
    .limit(1);
  return row ? { ...row.connection, accountStatus: row.accountStatus } : null;
}
