import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { ssoConnections, ssoLoginLog } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError } from '@/lib/errors';
import { certificateState, describeCertificate } from './certificates';
import { spEndpoints } from './saml-entities';
import type { SsoIntegration } from './schemas';

export interface SsoSetupView {
  /** What the admin copies into the IdP (SSO-1: "Mitel identifier", "Reply URL"), plus metadata (SSO-3). */
  sp: ReturnType<typeof spEndpoints>;
  /** The saved IdP, or null before the first save; the other SSO integration's connection is named. */
  connection: {
    integrationId: string;
    idpEntityId: string;
    ssoUrl: string;
    certificatesText: string;
    certificates: { subject: string; issuer: string; validTo: string; state: 'valid' | 'expiring' | 'expired'; fingerprint: string }[];
    mitelCredentials: boolean;
    updatedAt: string;
  } | null;
  /** The last sign-in outcomes, newest first, with the failing check. */
  recent: { at: string; ok: boolean; check: string | null; detail: string | null; email: string | null; flow: string }[];
}

/** SSO-1 dialog: the account's SP endpoints and its saved connection, for who may configure integrations. */
export async function readSsoSetup(actor: Actor, accountId: string, _integrationId: SsoIntegration): Promise<SsoSetupView> {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, accountId);
  const [row] = await db().select().from(ssoConnections).where(eq(ssoConnections.accountId, account.id));
  const recent = await db().select().from(ssoLoginLog).where(eq(ssoLoginLog.accountId, account.id)).orderBy(desc(ssoLoginLog.at)).limit(10);
  return {
    sp: spEndpoints(account.id),
    connection: row
      ? {
          integrationId: row.integrationId,
          idpEntityId: row.idpEntityId,
          ssoUrl: row.ssoUrl,
          certificatesText: row.certificates.join('\n'),
          certificates: row.certificates.map((pem) => {
            const { subject, issuer, validTo, fingerprint } = describeCertificate(pem);
            return { subject, issuer, validTo, fingerprint, state: certificateState(validTo) };
          }),
          mitelCredentials: row.mitelCredentials,
          updatedAt: row.updatedAt.toISOString(),
        }
      : null,
    recent: recent.map((r) => ({ at: r.at.toISOString(), ok: r.ok, check: r.check, detail: r.detail, email: r.email, flow: r.flow })),
  };
}
