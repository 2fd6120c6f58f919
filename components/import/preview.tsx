'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useRef, useState } from 'react';
import { addImportRowAction, commitImportAction } from '@/app/(portal)/accounts/[accountId]/users/import/actions';
import { useUrlState } from '@/components/data-table/use-url-state';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CancelImport } from './cancel-import';
import { PreviewTable } from './preview-table';
import type { TextEncoding } from '@/lib/import/read/encoding';
import type { ColumnLabels, ImportCounts, ImportRef, PreviewRow, RoleLabels } from './types';

export interface PreviewData {
  rows: PreviewRow[];
  total: number;
  nextCursor: string | null;
  counts: ImportCounts;
  showErrors: boolean;
  /** The page holds as many rows as it can: a row added now lands on a later page. */
  pageFull: boolean;
}

interface Props extends ImportRef {
  fileName: string;
  encoding: TextEncoding | null;
  preview: PreviewData;
  headers: ColumnLabels;
  roleLabels: RoleLabels;
}

/** IMP-2/3/4: the summary, the All / Only-errors filter, the editable rows, and Upload / Cancel. */
export function Preview({ accountId, importId, fileName, encoding, preview, headers, roleLabels }: Props) {
  const t = useT();
  const router = useRouter();
  const { set } = useUrlState();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const { counts, showErrors } = preview;
  // The added row takes the focus once, when it first appears; later pages or filters must not.
  const [seenRows, setSeenRows] = useState(preview.rows);
  if (preview.rows !== seenRows) {
    setSeenRows(preview.rows);
    if (focusRow !== null && seenRows.some((row) => row.rowNumber === focusRow)) setFocusRow(null);
  }
  const valid = counts.open - counts.errors;

  const commit = async () => {
    setBusy(true);
    setError(null);
    const res = await commitImportAction(accountId, importId);
    setBusy(false);
    if (!res.ok) setError(res.formError ?? 'errors.unexpected');
    else router.refresh();
  };

  const addRow = async () => {
    setBusy(true);
    setError(null);
    const res = await addImportRowAction(accountId, importId);
    setBusy(false);
    if (!res.ok) {
      setError(res.formError ?? 'errors.unexpected');
      return;
    }
    setFocusRow(res.data.rowNumber);
    // The new row is the last one: when it is not on this page, go to the page that starts with it.
    if (showErrors || preview.nextCursor !== null || preview.pageFull) set({ show: null, cursor: res.data.cursor }, { keepCursor: true });
    else router.refresh();
  };

  // A deleted row takes its focused button with it: the summary, with the new counts, takes over.
  const onRowDeleted = useCallback(() => summaryRef.current?.focus(), []);

  const filterButton = (errors: boolean) => (
    <button
      type="button"
      aria-pressed={showErrors === errors}
      onClick={() => set({ show: errors ? 'errors' : null })}
      className={`px-3 py-1.5 text-sm first:rounded-l last:rounded-r ${showErrors === errors ? 'bg-brand-600 text-white' : 'bg-white text-slate-800 hover:bg-slate-50'}`}
    >
      {t(errors ? 'import.ui.showErrors' : 'import.ui.showAll')}
    </button>
  );

  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{t(error)}</Alert>}
      <p ref={summaryRef} tabIndex={-1} role="status" className="text-sm font-medium text-slate-800 outline-none">
        {counts.errors === 0 ? t('import.ui.noErrors') : t('import.ui.summary', { count: counts.open, errors: counts.errors })}
      </p>
      {/* Said because a guess: a CSV without a BOM that is not UTF-8 could also be another code page. */}
      {encoding === 'windows-1252' && <p className="text-sm text-slate-700">{t('import.ui.readAsWindows1252')}</p>}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label={t('import.ui.filter')} className="inline-flex divide-x divide-slate-300 rounded border border-slate-300">
          {filterButton(false)}
          {filterButton(true)}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" disabled={busy} onClick={() => void addRow()}>
            {t('import.ui.addRow')}
          </Button>
          {counts.errors > 0 && (
            <a
              href={`/api/accounts/${accountId}/users/imports/${importId}/errors`}
              download
              className="rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              {t('import.ui.downloadErrors')}
            </a>
          )}
        </div>
      </div>
      <PreviewTable
        accountId={accountId}
        importId={importId}
        fileName={fileName}
        rows={preview.rows}
        total={preview.total}
        nextCursor={preview.nextCursor}
        showErrors={showErrors}
        headers={headers}
        roleLabels={roleLabels}
        focusRow={focusRow}
        onError={setError}
        onRowDeleted={onRowDeleted}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button disabled={busy || valid === 0} onClick={() => void commit()}>
          {t('import.ui.commit', { count: valid })}
        </Button>
        <CancelImport accountId={accountId} importId={importId} label={t('common.cancel')} confirm />
      </div>
    </div>
  );
}
