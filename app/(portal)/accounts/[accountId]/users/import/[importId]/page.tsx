import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportView } from '@/components/import/import-view';
import { db } from '@/db/client';
import { canSendWelcome } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { TEMPLATE_HEADERS } from '@/lib/import/columns';
import { ROLE_LABELS } from '@/lib/import/roles';
import { listImportRows } from '@/lib/import/session/list-import-rows';
import { firstValues, type RawSearchParams } from '@/lib/tables/search-params';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('import.ui.title') };
}

/**
 * IMP-2..5: one import of the caller — its progress, its refusal, the preview (paged and filtered
 * in the URL) or its result. Another user's import, or one of another account, is a 404.
 */
export default async function ImportPage({ params, searchParams }: { params: Promise<{ accountId: string; importId: string }>; searchParams: Promise<RawSearchParams> }) {
  const { accountId, importId } = await params;
  const user = await requireUser();
  const page = await orNotFound(listImportRows(db(), user.actor, { accountId, importId }, firstValues(await searchParams)));
  const locale = await currentLocale();
  const t = translator(locale);
  const found = page.import;

  return (
    <section aria-labelledby="import-heading" className="flex flex-col gap-4">
      <Link href={`/accounts/${accountId}/users`} className="text-sm text-brand-700 hover:underline">
        {t('users.edit.back')}
      </Link>
      <div className="flex flex-col gap-1">
        <h2 id="import-heading" className="text-xl font-semibold">
          {t('import.ui.title')}
        </h2>
        <p className="break-all text-sm text-slate-600">{t('import.ui.file', { file: found.fileName })}</p>
      </div>
      <ImportView
        info={{
          id: found.id,
          accountId,
          fileName: found.fileName,
          status: found.status,
          createdCount: found.createdCount,
          error: found.errorKey ? { key: found.errorKey, params: found.errorParams ?? {} } : null,
          encoding: found.encoding,
        }}
        preview={{
          rows: page.rows,
          total: page.total,
          nextCursor: page.nextCursor,
          counts: page.counts,
          showErrors: page.params.show === 'errors',
          pageFull: page.rows.length >= page.params.size,
        }}
        headers={TEMPLATE_HEADERS[locale]}
        roleLabels={ROLE_LABELS[locale]}
        canWelcome={canSendWelcome(user.actor)}
      />
    </section>
  );
}
