import { z } from 'zod';
import { MAX_CELL_LENGTH } from '@/lib/import/limits';
import { tableCursor, tablePageSize } from '@/lib/tables/search-params';

const id = z.string().trim().max(64);
/** An edited cell may be too long (the row rule says so per cell); twice the limit bounds the request. */
const cell = z.string().max(MAX_CELL_LENGTH * 2, { message: 'errors.tooLong' });

export const ImportRef = z.object({ accountId: id, importId: id });
export const ImportRowRef = ImportRef.extend({ rowNumber: z.number().int().min(1) });
export const ImportCellsInput = z.object({ firstName: cell, lastName: cell, name: cell, email: cell, role: cell });
export const EditImportRowInput = ImportRowRef.extend({ cells: ImportCellsInput });

export const PREVIEW_FILTERS = ['all', 'errors'] as const;
export type PreviewFilter = (typeof PREVIEW_FILTERS)[number];

/** The preview table's URL state; bad values fall back to the defaults. */
export const PreviewParams = z.object({
  show: z.enum(PREVIEW_FILTERS).catch('all'),
  cursor: tableCursor,
  size: tablePageSize,
});
export type PreviewParams = z.infer<typeof PreviewParams>;
