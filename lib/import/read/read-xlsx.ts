import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_DATA_ROWS } from '../limits';
import { ImportFileError } from './errors';
import { limitRows, type SourceRow } from './rows';

/*
 * Around exceljs's streaming reader (4.4.0):
 * - MERGED CELLS: the worksheet reader skips <mergeCell> elements, which come after <sheetData>,
 *   i.e. once every row has been read. The sheet's XML is therefore tapped on its way into the
 *   reader (watchSheetXml) and 'mergedCells' is raised at the end of the sheet; the caller keeps
 *   nothing of a refused file. The tap also caps the sheet's UNCOMPRESSED size (zip bomb).
 * - With sharedStrings: 'cache' the whole shared-string table is held in memory (exceljs's design).
 * - styles: 'cache' (not 'ignore') is used: without the number formats a date cell is
 *   indistinguishable from a number. A formula's cached date result still reads as a serial number.
 */

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** A plain (non-formula) value as text: rich text joined, hyperlink → its text, error → ''. */
function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  const richText = field(value, 'richText');
  if (Array.isArray(richText)) return richText.map((run) => plainText(field(run, 'text'))).join('');
  const text = field(value, 'text');
  if (text !== undefined) return plainText(text);
  return '';
}

/** A cell value as a trimmed string; a formula gives its cached result, none → 'formula'. */
export function cellText(value: unknown, address: string): string {
  if (isRecord(value) && ('formula' in value || 'sharedFormula' in value)) {
    const result = value.result;
    if (result === undefined || result === null) throw new ImportFileError('formula', { cell: address });
    return plainText(result).trim();
  }
  return plainText(value).trim();
}

/** The cells of a streamed row, positional (column 1 → index 0), holes filled with ''. */
function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    while (cells.length < column - 1) cells.push('');
    cells[column - 1] = cellText(cell.value, cell.address);
  });
  return cells;
}

/** The first sheet in workbook (tab) order, as exceljs parsed xl/workbook.xml: its id and state. */
function firstSheet(workbook: unknown): { id: unknown; state: unknown } | null {
  const sheets = field(field(workbook, 'model'), 'sheets');
  const first: unknown = Array.isArray(sheets) ? sheets[0] : undefined;
  return isRecord(first) ? { id: first.id, state: first.state } : null;
}

/** Largest uncompressed XML of the imported sheet: 100,000 template rows are about 30 MB. */
export const MAX_SHEET_XML_BYTES = 256 * 1024 * 1024;

const MERGE_TAG = '<mergeCell ';

/**
 * Wraps the worksheet's XML byte stream (exceljs reads it from `iterator` when iteration starts):
 * counts the bytes and notes a <mergeCell> element, looking across chunk boundaries.
 */
function watchSheetXml(worksheet: unknown, seen: { merged: boolean }, maxBytes: number): void {
  if (!isRecord(worksheet) || !isRecord(worksheet.iterator) || !(Symbol.asyncIterator in worksheet.iterator)) {
    throw new Error('exceljs worksheet reader without an iterator: check the exceljs version');
  }
  const source = worksheet.iterator as AsyncIterable<unknown>;
  worksheet.iterator = (async function* () {
    let total = 0;
    let tail = '';
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('latin1') : String(chunk);
      total += text.length;
      if (total > maxBytes) throw new ImportFileError('tooLarge', { max: maxBytes });
      if (!seen.merged && (tail + text).includes(MERGE_TAG)) seen.merged = true;
      tail = text.slice(-MERGE_TAG.length);
      yield chunk;
    }
  })();
}

async function* sheetRows(input: Readable): AsyncGenerator<SourceRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let found = false;
  try {
    for await (const worksheet of workbook) {
      const first = firstSheet(workbook);
      if (first === null) throw new ImportFileError('notSpreadsheet');
      if (field(worksheet, 'id') !== first.id) continue; // another tab: exceljs drains it
      if (first.state === 'hidden' || first.state === 'veryHidden') throw new ImportFileError('hiddenSheet');
      found = true;
      const seen = { merged: false };
      watchSheetXml(worksheet, seen, MAX_SHEET_XML_BYTES);
      for await (const row of worksheet) yield { line: row.number, cells: rowCells(row) };
      if (seen.merged) throw new ImportFileError('mergedCells');
      break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('notSpreadsheet', undefined, { cause: error });
  } finally {
    input.destroy();
  }
  if (!found) throw new ImportFileError('notSpreadsheet');
}

/**
 * Reads the first worksheet of an .xlsx upload as rows of trimmed strings, with exceljs's
 * streaming reader (rows are parsed as the zip is inflated, never the whole sheet at once).
 * A hidden first worksheet → 'hiddenSheet' (the user would not see what is imported); a formula
 * without a cached result → 'formula'; merged cells → 'mergedCells' (raised after the last row:
 * whoever reads must drop what it got); anything that is not an xlsx → 'notSpreadsheet'.
 * Blank rows are skipped, like blank CSV lines.
 */
export function readXlsx(input: Readable, maxRows: number = MAX_DATA_ROWS): AsyncGenerator<SourceRow> {
  return limitRows(sheetRows(input), maxRows);
}
