import { redirectToIdp } from '@/lib/sso/http';

/** SSO-2 SP-initiated sign-in for an account (the IdP's "Sign on URL" and bookmarks point here). */
export async function GET(request: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const hint = new URL(request.url).searchParams.get('login_hint')?.slice(0, 320) || undefined;
  return redirectToIdp(accountId, { purpose: 'login', loginHint: hint });
}
