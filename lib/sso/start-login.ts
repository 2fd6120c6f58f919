import 'server-only';
import { db } from '@/db/client';
import { samlRequests } from '@/db/schema';
import { activeConnection } from './connection';
import { identityProvider, serviceProvider } from './saml-entities';
import { SsoRefusal } from './refusal';

/** How long the IdP may take to answer an AuthnRequest (the person types a password, maybe MFA). */
export const REQUEST_TTL_MS = 10 * 60_000;

/**
 * SSO-2 SP-initiated: records an AuthnRequest (so the answer's InResponseTo can be checked) and
 * returns the IdP URL to send the browser to (HTTP-Redirect binding). `loginHint` pre-fills the
 * IdP's sign-in (Entra ID honours `login_hint`). A "test" request is Test connection's round trip.
 */
export async function startSsoLogin(accountId: string, options: { purpose: 'login' | 'test'; loginHint?: string }): Promise<{ url: string; requestId: string }> {
  const q = db();
  const connection = await activeConnection(q, accountId);
  if (!connection || connection.accountStatus !== 'active') throw new SsoRefusal('notConfigured', 'the account has no single sign-on in force');
  const sp = serviceProvider(accountId);
  const idp = identityProvider(connection, connection.certificates);
  const { id: requestId, context } = sp.createLoginRequest(idp, 'redirect') as { id: string; context: string };
  await q.insert(samlRequests).values({ id: requestId, accountId, purpose: options.purpose, expiresAt: new Date(Date.now() + REQUEST_TTL_MS) });
  const url = new URL(context);
  if (options.loginHint) url.searchParams.set('login_hint', options.loginHint);
  return { url: url.toString(), requestId };
}
