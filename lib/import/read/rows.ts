import { ImportFileError } from './errors';

/** True when every cell is empty or blank (spreadsheet apps export formatted empty rows). */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * Passes rows through, dropping blank ones, and refuses the file once it has more than maxRows
 * data rows (the first non-blank row is the header and is not counted). Throws 'empty' when the
 * file has no non-blank row at all.
 */
export async function* limitRows(rows: AsyncIterable<string[]>, maxRows: number): AsyncGenerator<string[]> {
  let seen = 0;
  for await (const row of rows) {
    if (isBlankRow(row)) continue;
    if (seen > maxRows) throw new ImportFileError('tooManyRows', { max: maxRows });
    seen++;
    yield row;
  }
  if (seen === 0) throw new ImportFileError('empty');
}
