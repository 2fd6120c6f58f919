import 'server-only';
import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userImportRows, type UserImport } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import type { RowErrors } from '@/lib/import/validate-row';
import { decodeCursor, type KeysetPage, keysetSlice } from '@/lib/tables/search-params';
import { rowProblems, type ImportCells } from './rows';
import { PreviewParams } from './schemas';
import { getImportInScope } from './scope';

export interface PreviewRow {
  rowNumber: number;
  cells: ImportCells;
  problems: RowErrors;
}

export interface ImportCounts {
  /** Rows still in the preview (not created). */
  open: number;
  errors: number;
}

export interface Preview extends KeysetPage<PreviewRow> {
  import: UserImport;
  counts: ImportCounts;
  params: PreviewParams;
}

const open = (importId: string) => and(eq(userImportRows.importId, importId), isNull(userImportRows.createdUserId));

/** How many rows are left in the preview and how many of them have an error. */
export async function importCounts(q: DbOrTx, importId: string): Promise<ImportCounts> {
  const [row] = await q
    .select({ open: count(), errors: count(sql`case when ${userImportRows.hasError} then 1 end`) })
    .from(userImportRows)
    .where(open(importId));
  return { open: row?.open ?? 0, errors: row?.errors ?? 0 };
}

/**
 * IMP-2/IMP-3: one page of the preview, in file order, keyset-paged by row number; `show=errors`
 * lists only rows with a problem (the partial index on has_error serves both).
 */
export async function listImportRows(q: DbOrTx, actor: Actor, ref: { accountId: string; importId: string }, raw: Record<string, string | undefined>): Promise<Preview> {
  const params = PreviewParams.parse(raw);
  const found = await getImportInScope(q, actor, ref);
  const after = decodeCursor(params.cursor)?.[0];
  const rows = await q
    .select()
    .from(userImportRows)
    .where(
      and(
        open(found.id),
        params.show === 'errors' ? eq(userImportRows.hasError, true) : undefined,
        typeof after === 'number' ? gt(userImportRows.rowNumber, after) : undefined,
      ),
    )
    .orderBy(asc(userImportRows.rowNumber))
    .limit(params.size + 1);
  const { rows: page, nextCursor } = keysetSlice(rows, params.size, (r) => [r.rowNumber]);
  const counts = await importCounts(q, found.id);
  return {
    import: found,
    counts,
    params,
    total: params.show === 'errors' ? counts.errors : counts.open,
    nextCursor,
    rows: page.map((row) => ({
      rowNumber: row.rowNumber,
      cells: { firstName: row.firstName, lastName: row.lastName, name: row.name, email: row.email, role: row.role },
      problems: rowProblems({ errors: row.errors, duplicateOf: row.duplicateOf, inUse: row.inUse }),
    })),
  };
}
