import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { scimTokens, ssoConnections } from '@/db/schema';
import type { IntegrationId } from '@/lib/integrations/catalogue';

/** Removing an SSO integration removes its SAML connection; removing Azure AD Sync revokes the SCIM token. */
export async function releaseIdentityIntegration(tx: Tx, accountId: string, integrationId: IntegrationId): Promise<void> {
  if (integrationId === 'singleSignOn' || integrationId === 'azureAdSingleSignOn') {
    await tx.delete(ssoConnections).where(and(eq(ssoConnections.accountId, accountId), eq(ssoConnections.integrationId, integrationId)));
  }
  if (integrationId === 'azureAdSync') await tx.delete(scimTokens).where(eq(scimTokens.accountId, accountId));
}
