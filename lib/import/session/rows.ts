import { COLUMN_KEYS, type ColumnKey, type RawRow } from '@/lib/import/columns';
import type { RowError, RowErrors } from '@/lib/import/validate-row';

/** The five cells of a preview row, as the file or an edit gave them. */
export type ImportCells = Record<ColumnKey, string>;

/** A stored preview row as the problems the UI shows per cell (IMP-2 "per-cell messages"). */
export interface StoredRowState {
  errors: RowErrors | null;
  duplicateOf: number | null;
  inUse: boolean;
}

/**
 * All problems of a row per column: its own (stored at parse/edit time) plus the cross-row e-mail
 * rules, which SQL keeps current. "Already in use" wins over "earlier in the file": fixing the
 * first occurrence would not make the row valid.
 */
export function rowProblems(row: StoredRowState): RowErrors {
  const problems: RowErrors = {};
  for (const [column, list] of Object.entries(row.errors ?? {}) as [ColumnKey, RowError[]][]) {
    if (list.length) problems[column] = [...list];
  }
  const unique: RowError | null = row.inUse
    ? { key: 'import.errors.emailInUse' }
    : row.duplicateOf !== null
      ? { key: 'import.errors.duplicateInFile', params: { row: row.duplicateOf } }
      : null;
  if (unique) (problems.email ??= []).push(unique);
  return problems;
}

/** Cells as the row rules take them: every column present, so "no name" flags all three. */
export function rawRowOf(cells: ImportCells): RawRow {
  return Object.fromEntries(COLUMN_KEYS.map((key) => [key, cells[key]])) as RawRow;
}
