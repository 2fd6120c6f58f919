import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { spEndpoints } from '@/lib/sso/saml-entities';
import { configureSso } from '@/lib/sso/configure-sso';
import { accountByName, actorFor, EMAIL } from '../helpers';
import { startSamlIdp } from '../../../simulators/saml-idp/index.mjs';

export type Idp = Awaited<ReturnType<typeof startSamlIdp>>;
export type Engine = 'auth0' | 'samlify';

/** Contoso with SAML SSO against a test IdP of the given engine (a real process-like server on a port). */
export async function ssoAccount(idp: Idp, accountName = 'Contoso Ltd', options: { mitelCredentials?: boolean; certificates?: string } = {}) {
  const account = await accountByName(accountName);
  const ctx = { actor: await actorFor(EMAIL.partner) };
  await addAccountIntegration({ ctx, input: { accountId: account.id, integrationId: 'singleSignOn' } }).catch(() => undefined);
  await configureSso({
    ctx,
    input: { accountId: account.id, integrationId: 'singleSignOn', idpEntityId: idp.entityId, ssoUrl: idp.ssoUrl, certificates: options.certificates ?? idp.certificate, mitelCredentials: options.mitelCredentials ?? false },
  });
  return { account, sp: spEndpoints(account.id) };
}

export async function setUser(email: string, values: Partial<typeof users.$inferInsert>) {
  await db().update(users).set(values).where(eq(users.email, email));
}

/** The SAMLResponse and RelayState of the IdP's auto-post page. */
export function postedForm(html: string): { action: string; samlResponse: string; relayState: string | null } {
  const action = /<form[^>]*action="([^"]+)"/i.exec(html)?.[1];
  const samlResponse = /name="SAMLResponse"[^>]*value="([^"]+)"/i.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="SAMLResponse"/i.exec(html)?.[1];
  const relayState = /name="RelayState"[^>]*value="([^"]*)"/i.exec(html)?.[1] ?? null;
  if (!action || !samlResponse) throw new Error(`no SAML form in: ${html.slice(0, 300)}`);
  const unescape = (v: string) => v.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x2F;/gi, '/').replace(/&#x3D;/gi, '=').replace(/&#43;/g, '+').replace(/&#x2B;/gi, '+').replace(/&#61;/g, '=').replace(/&#47;/g, '/');
  return { action: unescape(action), samlResponse: unescape(samlResponse), relayState: relayState && unescape(relayState) };
}
