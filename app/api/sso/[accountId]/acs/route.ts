import { env } from '@/lib/env';
import { consumeSamlResponse, refuseOversizedPost } from '@/lib/sso/consume-response';
import { refusedPage, seeOther } from '@/lib/sso/http';
import { SSO_TICKET_COOKIE, TICKET_TTL_MS } from '@/lib/sso/tickets';
import { MAX_SAML_RESPONSE_CHARS } from '@/lib/sso/verify-response';

/** Form overhead (field names, RelayState, URL encoding of base64) on top of the SAMLResponse itself. */
const MAX_BODY_BYTES = MAX_SAML_RESPONSE_CHARS * 1.5 + 16 * 1024;

async function formBody(request: Request): Promise<URLSearchParams | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES || !request.body) return declared > MAX_BODY_BYTES ? null : new URLSearchParams();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * SSO-2: the assertion consumer service ("Reply URL") of an account. SP- and IdP-initiated
 * responses are posted here by the browser; the outcome is a redirect: to /sso/complete with a
 * single-use ticket cookie, to the Test connection result, or to a plain refusal page.
 */
export async function POST(request: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const body = await formBody(request);
  const outcome = body === null ? await refuseOversizedPost(accountId) : await consumeSamlResponse(accountId, body.get('SAMLResponse'));
  if (outcome.kind === 'tested') return seeOther(`/sso/test-result?request=${encodeURIComponent(outcome.requestId)}`);
  if (outcome.kind === 'refused') {
    return outcome.testRequestId ? seeOther(`/sso/test-result?request=${encodeURIComponent(outcome.testRequestId)}`) : refusedPage(outcome.check, outcome.reference);
  }
  const secure = env().APP_URL.startsWith('https:') ? '; Secure' : '';
  const cookie = `${SSO_TICKET_COOKIE}=${outcome.ticket}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${TICKET_TTL_MS / 1000}${secure}`;
  return seeOther('/sso/complete', { 'Set-Cookie': cookie });
}

/** A browser that lands here by GET (a bookmark, a back button) is sent to sign in. */
export function GET() {
  return seeOther('/sign-in');
}
