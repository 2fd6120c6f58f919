import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import { db } from '@/db/client';
import { currentLocale } from '@/lib/auth/session';
import { attachment, asUser } from '@/lib/http/route-response';
import { translator } from '@/lib/i18n/translator';
import { ROLE_LABELS } from '@/lib/import/roles';
import { buildTemplate } from '@/lib/import/template';
import { MAX_CELL_LENGTH, MAX_DATA_ROWS, MAX_FILE_BYTES } from '@/lib/import/limits';

/** IMP-1: the import template in the user's language, as xlsx (default) or CSV (`?format=csv`). */
export async function GET(request: Request, { params }: { params: Promise<{ accountId: string }> }): Promise<Response> {
  return asUser(request, async (user) => {
    authorize(user.actor, 'users', 'add');
    await getAccountInScope(db(), user.actor, (await params).accountId);
    const format = new URL(request.url).searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
    const locale = await currentLocale();
    const t = translator(locale);
    const roles = ROLE_LABELS[locale];
    const instructions = [
      t('import.template.line1'),
      t('import.template.line2'),
      t('import.template.line3', { user: roles.user, admin: roles.admin }),
      t('import.template.line4', { rows: MAX_DATA_ROWS.toLocaleString(locale), size: `${MAX_FILE_BYTES / (1024 * 1024)} MB`, cell: MAX_CELL_LENGTH }),
    ];
    const file = await buildTemplate(locale, format, instructions);
    const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return new Response(new Uint8Array(file), { headers: attachment(`${t('import.template.fileName')}.${format}`, type) });
  });
}
