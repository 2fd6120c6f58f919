import 'server-only';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, accounts } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import { serviceProvider } from './saml-entities';
import { SSO_INTEGRATIONS } from './schemas';

/**
 * SSO-3: the SP metadata of an account that has an SSO integration (finished or not: the admin
 * needs it to set the IdP up first). Public, like every SP's metadata; null for any other account.
 */
export async function spMetadataFor(accountId: string): Promise<string | null> {
  if (!isUuid(accountId)) return null;
  const [row] = await db()
    .select({ id: accountIntegrations.accountId })
    .from(accountIntegrations)
    .innerJoin(accounts, eq(accounts.id, accountIntegrations.accountId))
    .where(and(eq(accountIntegrations.accountId, accountId), inArray(accountIntegrations.integrationId, [...SSO_INTEGRATIONS]), ne(accounts.status, 'deleting')))
    .limit(1);
  return row ? serviceProvider(accountId).getMetadata() : null;
}
