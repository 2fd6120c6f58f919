import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { asUser } from '@/lib/http/route-response';
import { MAX_FILE_BYTES } from '@/lib/import/limits';
import { tooLarge } from '@/lib/import/session/file-error';
import { startImport } from '@/lib/import/session/start-import';

/**
 * IMP-2 upload: the raw file is the request body (the browser sends it with upload progress), its
 * name in `X-File-Name`. This path is outside the proxy on purpose: the proxy would buffer the
 * body in memory. The handler checks the session itself (asUser), and startImport checks the
 * permission and the account scope, and counts the body as it streams (a Content-Length may lie).
 */
export async function POST(request: Request, { params }: { params: Promise<{ accountId: string }> }): Promise<Response> {
  return asUser(request, async (user) => {
    const { accountId } = await params;
    const fileName = decodeURIComponent(request.headers.get('x-file-name') ?? '');
    const length = request.headers.get('content-length');
    const sizeBytes = length === null ? undefined : Number(length);
    // Refused before the body is touched: a client that declares too much sends nothing more of use.
    if (sizeBytes !== undefined && sizeBytes > MAX_FILE_BYTES) throw tooLarge();
    const body = request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
    const { importId } = await startImport({ ctx: { actor: user.actor }, input: { accountId, fileName, sizeBytes }, body });
    return Response.json({ importId }, { status: 201 });
  });
}
