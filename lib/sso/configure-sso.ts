import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accountIntegrations, ssoConnections } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, ValidationError, validationFromZod } from '@/lib/errors';
import { lockIntegrations } from '@/lib/integrations/account-state';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { parseCertificates } from './certificates';
import { ConfigureSsoInput } from './schemas';

/**
 * SSO-1: saves the identity provider of "Single sign-on" or "Azure AD single sign-on" (the
 * Finish-setup dialog and `npm run admin -- saml`) and finishes the integration's setup. Every
 * certificate must parse; one account has one SAML connection, so the other SSO integration's
 * connection is refused rather than silently replaced.
 */
export async function configureSso({ ctx, input }: Command<unknown>) {
  const parsed = ConfigureSsoInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const v = parsed.data;
  const certs = parseCertificates(v.certificates);
  if (!certs.ok) throw new ValidationError({ certificates: [certs.problem.code] });

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, v.accountId);
    const { rows } = await lockIntegrations(tx, account);
    const row = rows.find((r) => r.integrationId === v.integrationId);
    if (!row) throw new ConflictError('errors.integrations.notAdded');
    const [current] = await tx.select().from(ssoConnections).where(eq(ssoConnections.accountId, account.id));
    if (current && current.integrationId !== v.integrationId) throw new ConflictError('sso.errors.otherConnection');

    const values = {
      integrationId: v.integrationId,
      idpEntityId: v.idpEntityId,
      ssoUrl: v.ssoUrl,
      certificates: certs.certificates.map((c) => c.pem),
      mitelCredentials: v.mitelCredentials,
      updatedAt: new Date(),
      updatedBy: ctx.actor.name,
      // New certificates deserve their own expiry warning.
      expiryWarnedFor: null,
    };
    await tx
      .insert(ssoConnections)
      .values({ accountId: account.id, ...values })
      .onConflictDoUpdate({ target: ssoConnections.accountId, set: values });
    await tx
      .update(accountIntegrations)
      .set({ setupDone: true, updatedAt: new Date() })
      .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, v.integrationId)));
    const view = (c: typeof current | undefined) =>
      c ? { idpEntityId: c.idpEntityId, ssoUrl: c.ssoUrl, certificates: c.certificates.length, mitelCredentials: c.mitelCredentials } : null;
    await recordIntegrationEdit(tx, ctx, account, v.integrationId, {
      before: { setupDone: row.setupDone, settings: view(current) },
      after: { setupDone: true, settings: { idpEntityId: v.idpEntityId, ssoUrl: v.ssoUrl, certificates: certs.certificates.map((c) => c.subject), mitelCredentials: v.mitelCredentials } },
    });
    return { certificates: certs.certificates.map(({ pem: _pem, ...rest }) => rest) };
  });
}
