import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { UploadForm } from '@/components/import/upload-form';
import { Alert } from '@/components/ui/alert';
import { db } from '@/db/client';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import { translator } from '@/lib/i18n/translator';
import { orNotFound } from '@/lib/pages/or-not-found';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from '@/lib/import/limits';
import { findOpenImport } from '@/lib/import/session/import-status';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('import.ui.title') };
}

/** IMP-1/IMP-2: the templates, the limits and the upload; an unfinished import is offered first. */
export default async function ImportUploadPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await requireUser();
  if (!can(user.actor, 'users', 'add')) notFound();
  const open = await orNotFound(findOpenImport(db(), user.actor, accountId));
  const locale = await currentLocale();
  const t = translator(locale);
  const template = `/api/accounts/${accountId}/users/import-template`;
  const link = 'rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50';

  return (
    <section aria-labelledby="import-heading" className="flex flex-col gap-4">
      <Link href={`/accounts/${accountId}/users`} className="text-sm text-brand-700 hover:underline">
        {t('users.edit.back')}
      </Link>
      <h2 id="import-heading" className="text-xl font-semibold">
        {t('import.ui.title')}
      </h2>
      {open && (
        <Alert tone="info">
          <span className="flex flex-wrap items-center gap-3">
            {t('import.ui.openImport', { file: open.fileName })}
            <Link href={`/accounts/${accountId}/users/import/${open.id}`} className="font-medium text-brand-700 underline">
              {t('import.ui.continue')}
            </Link>
          </span>
        </Alert>
      )}
      <div className="flex max-w-2xl flex-col gap-3 text-sm text-slate-700">
        <p>{t('import.ui.intro')}</p>
        <p>
          {t('import.ui.limits', {
            size: `${Math.round(MAX_FILE_BYTES / (1024 * 1024))} MB`,
            rows: new Intl.NumberFormat(locale).format(MAX_DATA_ROWS),
          })}
        </p>
        <div className="flex flex-wrap gap-2">
          <a href={template} download className={link}>
            {t('import.ui.templateXlsx')}
          </a>
          <a href={`${template}?format=csv`} download className={link}>
            {t('import.ui.templateCsv')}
          </a>
        </div>
      </div>
      <UploadForm accountId={accountId} />
    </section>
  );
}
