import type { ColumnKey } from '@/lib/import/columns';
import type { TextEncoding } from '@/lib/import/read/encoding';
import type { ImportStatus } from '@/lib/import/session/import-status';
import type { RowError } from '@/lib/import/validate-row';
import type { RoleChoice } from '@/lib/users/schemas';

// Type-only re-exports: the server modules themselves never reach the browser bundle.
export type { ImportCounts, PreviewRow } from '@/lib/import/session/list-import-rows';
export type { ImportCells } from '@/lib/import/session/rows';
export type { RowErrors } from '@/lib/import/validate-row';

/** The template's column headers in the UI language (IMP-1), so the preview matches the sheet. */
export type ColumnLabels = Record<ColumnKey, string>;
export type RoleLabels = Record<RoleChoice, string>;

/** What the client needs of an import row (the server page picks it; no internal fields). */
export interface ImportInfo {
  id: string;
  accountId: string;
  fileName: string;
  status: ImportStatus['status'];
  createdCount: number;
  /** Why the file was refused (status failed): an i18n key and its values. */
  error: RowError | null;
  /** How a CSV's text was decoded (null for an xlsx): Windows-1252 is said in the preview. */
  encoding: TextEncoding | null;
}

/** The ids every import action takes. */
export interface ImportRef {
  accountId: string;
  importId: string;
}
