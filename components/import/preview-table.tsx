'use client';

import type { CellContext, ColumnDef, HeaderContext } from '@tanstack/react-table';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useMemo, useState } from 'react';
import { deleteImportRowAction, editImportRowAction } from '@/app/(portal)/accounts/[accountId]/users/import/actions';
import { DataTable } from '@/components/data-table/data-table';
import { useT } from '@/components/i18n-provider';
import { COLUMN_KEYS, type ColumnKey } from '@/lib/import/columns';
import { PreviewRoleCell, PreviewTextCell } from './preview-cell';
import type { ColumnLabels, ImportCells, ImportRef, PreviewRow, RoleLabels, RowErrors } from './types';

interface Props extends ImportRef {
  fileName: string;
  rows: PreviewRow[];
  total: number;
  nextCursor: string | null;
  showErrors: boolean;
  headers: ColumnLabels;
  roleLabels: RoleLabels;
  /** A row just added: its first cell takes the focus when it appears. */
  focusRow: number | null;
  /** An action's error (i18n key), or null once one succeeds. */
  onError: (key: string | null) => void;
  onRowDeleted: () => void;
}

interface PreviewState {
  headers: ColumnLabels;
  roleLabels: RoleLabels;
  focusRow: number | null;
  deleting: number | null;
  cellsOf: (row: PreviewRow) => ImportCells;
  problemsOf: (row: PreviewRow) => RowErrors;
  save: (row: PreviewRow, key: ColumnKey, value: string) => Promise<boolean>;
  remove: (rowNumber: number) => void;
}

// TanStack renders each column's `cell` as a component type. The cells are therefore module-level
// components reading the changing state from this context: a new function per render would be a
// new component type, remounting every input (focus and typed text lost) on each refresh.
const PreviewContext = createContext<PreviewState | null>(null);

function usePreview(): PreviewState {
  const state = useContext(PreviewContext);
  if (!state) throw new Error('preview cells render inside PreviewTable');
  return state;
}

const problemCount = (problems: RowErrors) => Object.values(problems).reduce((n, list) => n + (list?.length ?? 0), 0);

function RowNumberCell({ row }: CellContext<PreviewRow, unknown>) {
  return <span className="tabular-nums text-slate-700">{row.original.rowNumber}</span>;
}

function StatusCell({ row }: CellContext<PreviewRow, unknown>) {
  const t = useT();
  const count = problemCount(usePreview().problemsOf(row.original));
  return count === 0 ? (
    <span className="whitespace-nowrap rounded bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800">{t('import.ui.ok')}</span>
  ) : (
    <span className="whitespace-nowrap rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">{t('import.ui.errorCount', { count })}</span>
  );
}

function EditableCell({ row: { original: row }, column }: CellContext<PreviewRow, unknown>) {
  const t = useT();
  const { headers, roleLabels, focusRow, cellsOf, problemsOf, save } = usePreview();
  const key = column.id as ColumnKey;
  const props = {
    label: t('import.ui.cellLabel', { column: headers[key], row: row.rowNumber }),
    value: cellsOf(row)[key],
    problems: problemsOf(row)[key],
    onSave: (value: string) => save(row, key, value),
  };
  return key === 'role' ? (
    <PreviewRoleCell {...props} roleLabels={roleLabels} />
  ) : (
    <PreviewTextCell {...props} autoFocus={focusRow === row.rowNumber && key === COLUMN_KEYS[0]} />
  );
}

function ColumnHeader({ column }: HeaderContext<PreviewRow, unknown>) {
  return usePreview().headers[column.id as ColumnKey];
}

function ActionsHeader() {
  return <span className="sr-only">{useT()('import.ui.actions')}</span>;
}

function ActionsCell({ row: { original: row } }: CellContext<PreviewRow, unknown>) {
  const t = useT();
  const { deleting, remove } = usePreview();
  const name = t('import.ui.deleteRow', { row: row.rowNumber });
  return (
    <button
      type="button"
      aria-label={name}
      title={name}
      disabled={deleting === row.rowNumber}
      onClick={() => remove(row.rowNumber)}
      className="rounded px-2 py-1 text-lg leading-none text-slate-700 hover:bg-red-50 hover:text-red-700 disabled:text-slate-400"
    >
      <span aria-hidden>×</span>
    </button>
  );
}

/**
 * IMP-2/IMP-3: one page of the preview with every cell editable. Values the user saved here are
 * kept per row, so a second edit of the same row never sends a stale first one, even before the
 * reload brings them back; the problems an edit returns show at once, the reload then updates the
 * counts and the duplicate errors of other rows.
 */
export function PreviewTable({ accountId, importId, fileName, rows, total, nextCursor, showErrors, headers, roleLabels, focusRow, onError, onRowDeleted }: Props) {
  const t = useT();
  const router = useRouter();
  const [saved, setSaved] = useState<Record<number, Partial<ImportCells>>>({});
  const [problems, setProblems] = useState<Record<number, RowErrors>>({});
  const [deleting, setDeleting] = useState<number | null>(null);
  // Fresh rows from the server carry the current problems of every row.
  const [seenRows, setSeenRows] = useState(rows);
  if (rows !== seenRows) {
    setSeenRows(rows);
    setProblems({});
  }

  const cellsOf = (row: PreviewRow): ImportCells => ({ ...row.cells, ...saved[row.rowNumber] });
  const state: PreviewState = {
    headers,
    roleLabels,
    focusRow,
    deleting,
    cellsOf,
    problemsOf: (row) => problems[row.rowNumber] ?? row.problems,
    save: async (row, key, value) => {
      const { rowNumber } = row;
      const cells = { ...cellsOf(row), [key]: value };
      setSaved((s) => ({ ...s, [rowNumber]: { ...s[rowNumber], [key]: value } }));
      const res = await editImportRowAction(accountId, importId, rowNumber, cells);
      if (!res.ok) {
        onError(res.formError ?? 'errors.validation');
        return false;
      }
      onError(null);
      setProblems((p) => ({ ...p, [rowNumber]: res.data.problems }));
      router.refresh();
      return true;
    },
    remove: async (rowNumber) => {
      setDeleting(rowNumber);
      const res = await deleteImportRowAction(accountId, importId, rowNumber);
      setDeleting(null);
      if (!res.ok) {
        onError(res.formError ?? 'errors.unexpected');
        return;
      }
      onError(null);
      // A row added later may get this number again; it must not inherit these values.
      setSaved(({ [rowNumber]: _dropped, ...rest }) => rest);
      onRowDeleted();
      router.refresh();
    },
  };

  const columns = useMemo<ColumnDef<PreviewRow>[]>(
    () => [
      { id: 'row', header: t('import.report.row'), cell: RowNumberCell },
      { id: 'status', header: t('import.ui.status'), cell: StatusCell },
      ...COLUMN_KEYS.map((key): ColumnDef<PreviewRow> => ({ id: key, header: ColumnHeader, cell: EditableCell })),
      { id: 'actions', header: ActionsHeader, cell: ActionsCell },
    ],
    [t],
  );

  return (
    <PreviewContext.Provider value={state}>
      <DataTable
        label={t('import.ui.previewLabel', { file: fileName })}
        columns={columns}
        rows={rows}
        rowId={(row) => String(row.rowNumber)}
        total={total}
        nextCursor={nextCursor}
        emptyMessage={t(showErrors ? 'import.ui.emptyErrors' : 'import.ui.emptyAll')}
      />
    </PreviewContext.Provider>
  );
}
