import 'server-only';
import { env } from '@/lib/env';
import { SsoRefusal, type SsoCheck } from './refusal';
import { startSsoLogin } from './start-login';

/** A 303 to a path of the portal, at its public address (APP_URL), never at the Host header. */
export function seeOther(path: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: new URL(path, env().APP_URL).toString(), 'Cache-Control': 'no-store', ...headers } });
}

export function refusedPage(check: SsoCheck, reference?: number | null): Response {
  const query = new URLSearchParams({ check, ...(reference ? { ref: String(reference) } : {}) });
  return seeOther(`/sso/refused?${query}`);
}

/** Starts an SP-initiated sign-in and sends the browser to the IdP, or to the refusal page. */
export async function redirectToIdp(accountId: string, options: { purpose: 'login' | 'test'; loginHint?: string }): Promise<Response> {
  try {
    const { url } = await startSsoLogin(accountId, options);
    return new Response(null, { status: 303, headers: { Location: url, 'Cache-Control': 'no-store' } });
  } catch (e) {
    if (e instanceof SsoRefusal) return refusedPage(e.check);
    throw e;
  }
}
