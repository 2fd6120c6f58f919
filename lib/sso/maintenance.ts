import 'server-only';
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, roles, samlAssertions, samlRequests, ssoConnections, ssoTickets, users } from '@/db/schema';
import { notify } from '@/lib/notifications/notifications';
import { pruneIdentityLogs } from '@/lib/provisioning/scim-activity';
import { describeCertificate, EXPIRY_WARNING_DAYS } from './certificates';

/** Run by the minute tick: expired SAML state goes, and the logs older than 30 days. */
export async function pruneSsoData(now = new Date()): Promise<void> {
  const q = db();
  await q.delete(samlAssertions).where(lt(samlAssertions.expiresAt, now));
  // Requests are kept a day after expiry, so a late answer is refused as "expired request", not "unknown".
  await q.delete(samlRequests).where(lt(samlRequests.expiresAt, new Date(now.getTime() - 86_400_000)));
  await q.delete(ssoTickets).where(or(lt(ssoTickets.expiresAt, now), isNotNull(ssoTickets.usedAt)));
  await pruneIdentityLogs(now);
}

/**
 * Beyond SSO-3: 30 days before an IdP signing certificate ends, the account's admins and the
 * partner's admins get a notification (once per certificate end date), so sign-ins do not stop
 * on the day the IdP rolls its key.
 */
export async function warnExpiringCertificates(now = new Date()): Promise<number> {
  const q = db();
  const rows = await q
    .select({ accountId: ssoConnections.accountId, certificates: ssoConnections.certificates, warned: ssoConnections.expiryWarnedFor, name: accounts.name, partnerOrgId: accounts.partnerOrgId })
    .from(ssoConnections)
    .innerJoin(accounts, and(eq(accounts.id, ssoConnections.accountId), eq(accounts.status, 'active')));
  let sent = 0;
  for (const row of rows) {
    const ends = row.certificates.map((pem) => new Date(describeCertificate(pem).validTo));
    const first = new Date(Math.min(...ends.map((d) => d.getTime())));
    if (first.getTime() - now.getTime() > EXPIRY_WARNING_DAYS * 86_400_000) continue;
    if (row.warned && row.warned.getTime() === first.getTime()) continue;
    await q.transaction(async (tx) => {
      // Claimed first, so two workers on the same tick warn once.
      const claimed = await tx
        .update(ssoConnections)
        .set({ expiryWarnedFor: first })
        .where(and(eq(ssoConnections.accountId, row.accountId), row.warned ? sql`${ssoConnections.expiryWarnedFor} is distinct from ${first}` : isNull(ssoConnections.expiryWarnedFor)))
        .returning({ id: ssoConnections.accountId });
      if (claimed.length === 0) return;
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(roles, eq(roles.id, users.roleId))
        .where(
          and(
            isNotNull(users.registeredAt),
            or(and(eq(users.accountId, row.accountId), eq(roles.baseRole, 'admin')), and(eq(users.partnerOrgId, row.partnerOrgId), isNull(users.accountId), inArray(roles.baseRole, ['partner']))),
          ),
        );
      const expired = first.getTime() <= now.getTime();
      for (const admin of admins) {
        await notify(tx, {
          userId: admin.id,
          accountId: row.accountId,
          status: 'error',
          titleKey: expired ? 'sso.notifications.certificateExpired' : 'sso.notifications.certificateExpiring',
          params: { account: row.name, date: first.toISOString().slice(0, 10) },
        });
      }
      sent += admins.length;
    });
  }
  return sent;
}
