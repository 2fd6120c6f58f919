import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { ssoConnections } from '@/db/schema';
import { certificateState, describeCertificate } from './certificates';

/** Beyond SSO-3 on the Integrations panel: the state and end date of the connection's first certificate to end. */
export async function ssoCertificateSummary(q: DbOrTx, accountId: string): Promise<{ integrationId: string; state: 'valid' | 'expiring' | 'expired'; validTo: string } | null> {
  const [row] = await q.select({ integrationId: ssoConnections.integrationId, certificates: ssoConnections.certificates }).from(ssoConnections).where(eq(ssoConnections.accountId, accountId));
  if (!row || row.certificates.length === 0) return null;
  const validTo = row.certificates.map((pem) => describeCertificate(pem).validTo).sort()[0]!;
  return { integrationId: row.integrationId, state: certificateState(validTo), validTo };
}
