import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations } from '@/db/schema';

/** The integration ids an account has (for checks that only read). */
export async function listAccountIntegrationRows(accountId: string): Promise<string[]> {
  const rows = await db().select({ id: accountIntegrations.integrationId }).from(accountIntegrations).where(eq(accountIntegrations.accountId, accountId));
  return rows.map((r) => r.id);
}
