import { ImportFileError } from './errors';

/** A row of the file: its number as the user sees it (first line/row = 1) and its cells. */
export interface SourceRow {
  line: number;
  cells: string[];
}

/** True when every cell is empty or blank (spreadsheet apps export formatted empty rows). */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * Passes rows through, dropping blank ones, and refuses the file once it has more than maxRows
 * data rows (the first non-blank row is the header and is not counted). Throws 'empty' when the
 * file has no non-blank row at all.
 */
export async function* limitRows(rows: AsyncIterable<SourceRow>, maxRows: number): AsyncGenerator<SourceRow> {
  let seen = 0;
  for await (const row of rows) {
    if (isBlankRow(row.cells)) continue;
    if (seen > maxRows) throw new ImportFileError('tooManyRows', { max: maxRows });
    seen++;
    yield row;
  }
  if (seen === 0) throw new ImportFileError('empty');
}
