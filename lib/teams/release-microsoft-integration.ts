import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { o365ConsentRequests, o365Consents, teamsConnections, teamsPresenceUsers } from '@/db/schema';
import type { IntegrationId } from '@/lib/integrations/catalogue';

/**
 * Removing Microsoft Teams forgets its Azure app and sync state (our sessions in Teams then lapse
 * within their 15 minutes; turning sync off first clears them at once); removing Office 365
 * forgets its consent (O365-2).
 */
export async function releaseMicrosoftIntegration(tx: Tx, accountId: string, integrationId: IntegrationId): Promise<void> {
  if (integrationId === 'teams') {
    await tx.delete(teamsPresenceUsers).where(eq(teamsPresenceUsers.accountId, accountId));
    await tx.delete(teamsConnections).where(eq(teamsConnections.accountId, accountId));
  }
  if (integrationId === 'office365') {
    await tx.delete(o365Consents).where(eq(o365Consents.accountId, accountId));
    await tx.delete(o365ConsentRequests).where(eq(o365ConsentRequests.accountId, accountId));
  }
}
