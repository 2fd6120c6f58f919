import { Readable } from 'node:stream';
import { db } from '@/db/client';
import { currentLocale } from '@/lib/auth/session';
import { attachment, asUser } from '@/lib/http/route-response';
import { translator } from '@/lib/i18n/translator';
import { errorReport } from '@/lib/import/session/error-report';
import { getImportInScope } from '@/lib/import/session/scope';

/** "Download errors": the preview's rows that still have an error, with their messages (xlsx). */
export async function GET(request: Request, { params }: { params: Promise<{ accountId: string; importId: string }> }): Promise<Response> {
  return asUser(request, async (user) => {
    const found = await getImportInScope(db(), user.actor, await params);
    const locale = await currentLocale();
    const name = `${translator(locale)('import.report.fileName')} - ${found.fileName.replace(/\.[^.]+$/, '')}.xlsx`;
    const body = Readable.toWeb(errorReport(found, locale)) as ReadableStream<Uint8Array>;
    return new Response(body, { headers: attachment(name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') });
  });
}
