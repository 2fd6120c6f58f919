import { db } from '@/db/client';
import { redirectToIdp, seeOther } from '@/lib/sso/http';
import { ssoSignInFor } from '@/lib/sso/sign-in-method';

/** "Sign in with single sign-on" on the sign-in page: e-mail first, then that account's IdP (SSO-2). */
export async function GET(request: Request) {
  const email = new URL(request.url).searchParams.get('email')?.trim().slice(0, 320) ?? '';
  const sso = email ? await ssoSignInFor(db(), email) : null;
  if (!sso) return seeOther(`/sign-in?sso=none`);
  return redirectToIdp(sso.accountId, { purpose: 'login', loginHint: email });
}
