import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, o365ConsentRequests, o365Consents } from '@/db/schema';
import { graph, GraphError } from '@/lib/adapters/graph';
import { systemActor } from '@/lib/auth/system-actor';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { hashConsentState, office365App } from './consent-link';

export type ConsentOutcome = 'succeeded' | 'failed' | 'unknown' | 'invalid';

/**
 * Confirms a consent with Azure itself: a token of our app in that tenant carries the granted
 * permissions only once an admin consented. The redirect alone could be forged by anyone; this
 * cannot. Null when it cannot be told (no app secret here, Azure unreachable).
 */
async function confirmedInTenant(tenantId: string): Promise<boolean | null> {
  const app = office365App();
  if (!app?.clientSecret) return null;
  try {
    const token = await graph.freshAppToken({ tenantId, clientId: app.clientId, clientSecret: app.clientSecret });
    return token.roles.length > 0;
  } catch (e) {
    if (e instanceof GraphError && ['tenantNotFound', 'clientNotFound'].includes(e.kind)) return false;
    return null;
  }
}

/**
 * O365-1: Microsoft's answer at /api/o365/consent. The state names the account (single use, a
 * day); the outcome is succeeded (confirmed with Azure), failed (refused, or not an admin: the
 * AADSTS reason is kept), or unknown (Azure said yes but it could not be confirmed here). Recorded
 * as done by the System, since whoever consented need not be a user here.
 */
export async function completeConsent(params: URLSearchParams): Promise<{ outcome: ConsentOutcome; accountId: string | null }> {
  const state = params.get('state') ?? '';
  if (!state || state.length > 200) return { outcome: 'invalid', accountId: null };
  const [request] = await db()
    .update(o365ConsentRequests)
    .set({ usedAt: new Date() })
    .where(and(eq(o365ConsentRequests.stateHash, hashConsentState(state)), isNull(o365ConsentRequests.usedAt), gt(o365ConsentRequests.expiresAt, new Date())))
    .returning();
  if (!request) return { outcome: 'invalid', accountId: null };

  const error = params.get('error');
  const tenantId = params.get('tenant');
  let outcome: Exclude<ConsentOutcome, 'invalid'>;
  let detail: string | null = null;
  if (error) {
    outcome = 'failed';
    detail = (params.get('error_description') ?? error).slice(0, 300);
  } else if (params.get('admin_consent')?.toLowerCase() === 'true' && tenantId && /^[0-9a-zA-Z.-]{1,100}$/.test(tenantId)) {
    const confirmed = await confirmedInTenant(tenantId);
    outcome = confirmed === true ? 'succeeded' : confirmed === false ? 'failed' : 'unknown';
    if (confirmed === false) detail = 'notGranted';
  } else {
    outcome = 'unknown';
  }

  await db().transaction(async (tx) => {
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, request.accountId));
    if (!account) return;
    const [before] = await tx.select().from(o365Consents).where(eq(o365Consents.accountId, account.id));
    const values = { state: outcome, tenantId: tenantId ?? before?.tenantId ?? null, detail, decidedAt: new Date() };
    await tx.insert(o365Consents).values({ accountId: account.id, ...values }).onConflictDoUpdate({ target: o365Consents.accountId, set: values });
    const ctx = { actor: systemActor({ partnerOrgId: account.partnerOrgId, accountId: account.id }), tx };
    await recordIntegrationEdit(tx, ctx, account, 'office365', { before: { consent: before?.state ?? null }, after: { consent: outcome, tenantId: values.tenantId } });
  });
  return { outcome, accountId: request.accountId };
}
