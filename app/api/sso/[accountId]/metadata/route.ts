import { spMetadataFor } from '@/lib/sso/metadata';
import { attachment } from '@/lib/http/route-response';

/** SSO-3: the account's SP metadata XML, for IdPs that import it; `?download=1` saves it as a file. */
export async function GET(request: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const xml = await spMetadataFor(accountId);
  if (!xml) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const download = new URL(request.url).searchParams.has('download');
  return new Response(xml, {
    headers: download ? attachment('sp-metadata.xml', 'application/samlmetadata+xml') : { 'Content-Type': 'application/samlmetadata+xml; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
