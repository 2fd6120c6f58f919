'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { CancelImport } from './cancel-import';
import { ImportProgress } from './import-progress';
import { ImportResult } from './import-result';
import { Preview, type PreviewData } from './preview';
import type { ColumnLabels, ImportInfo, RoleLabels } from './types';

interface Props {
  info: ImportInfo;
  preview: PreviewData;
  headers: ColumnLabels;
  roleLabels: RoleLabels;
  canWelcome: boolean;
}

/**
 * The import page by status: reading the file, refused, the preview (IMP-2/3), creating users, and
 * the result (IMP-4/5). A commit that leaves rows with errors comes back to the preview, with the
 * result above it.
 */
export function ImportView({ info, preview, headers, roleLabels, canWelcome }: Props) {
  const t = useT();
  const ref = { accountId: info.accountId, importId: info.id };
  const result = (done: boolean) => <ImportResult {...ref} createdCount={info.createdCount} canWelcome={canWelcome} done={done} />;

  switch (info.status) {
    case 'uploading':
    case 'parsing':
      return (
        <div className="flex flex-col gap-3">
          <ImportProgress {...ref} status={info.status} text={t('import.progress.reading', { file: info.fileName })} />
          <div>
            <CancelImport {...ref} label={t('common.cancel')} confirm />
          </div>
        </div>
      );
    case 'committing':
      return (
        <div className="flex flex-col gap-3">
          {info.createdCount > 0 && result(false)}
          <ImportProgress {...ref} status={info.status} text={t('import.ui.creating', { file: info.fileName })} />
        </div>
      );
    case 'failed':
      return (
        <div className="flex flex-col gap-3">
          <Alert tone="error">
            <p className="font-medium">{t('import.progress.failed', { file: info.fileName })}</p>
            {info.error && <p>{t(info.error.key, info.error.params ?? {})}</p>}
          </Alert>
          <div className="flex flex-wrap items-center gap-2">
            <Link
              href={`/accounts/${info.accountId}/users/import`}
              className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t('import.ui.chooseAnother')}
            </Link>
            <CancelImport {...ref} label={t('import.ui.discard')} confirm={false} />
          </div>
        </div>
      );
    case 'ready':
      return (
        <div className="flex flex-col gap-4">
          {info.createdCount > 0 && result(false)}
          <Preview {...ref} fileName={info.fileName} encoding={info.encoding} preview={preview} headers={headers} roleLabels={roleLabels} />
        </div>
      );
    case 'done':
      return result(true);
  }
}
