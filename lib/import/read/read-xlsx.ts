import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from '../limits';
import { ImportFileError } from './errors';
import { DataArea, MergeScanner } from './merged-cells';
import { toBytes } from './read-csv';
import { limitRows, type SourceRow } from './rows';
import { guardZip } from './zip-guard';

/*
 * Around exceljs's streaming reader (4.4.0):
 * - ZIP BOMBS: unzipper inflates whatever the zip holds, without limits. guardZip checks the whole
 *   file first (it is at most MAX_FILE_BYTES, so gathering it costs little).
 * - MERGED CELLS: the worksheet reader skips <mergeCell> elements, which come after <sheetData>,
 *   i.e. once every row has been read. The sheet's XML is therefore tapped on its way into the
 *   reader (watchSheetXml); merges over the data area are named in 'mergedCells', raised at the
 *   end of the sheet; the caller keeps nothing of a refused file.
 * - With sharedStrings: 'cache' the whole shared-string table is held in memory (exceljs's design;
 *   bounded by MAX_UNZIPPED_BYTES).
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

const SHEET_DATA_END = '</sheetData>';
const toText = (piece: unknown): string => (typeof piece === 'string' ? piece : Buffer.isBuffer(piece) ? piece.toString('latin1') : String(piece));
/** The piece split at `at` (a byte offset of a Buffer, a character offset of a string), same type. */
const split = (piece: unknown, at: number): [unknown, unknown] => {
  if (Buffer.isBuffer(piece)) return [piece.subarray(0, at), piece.subarray(at)];
  const text = toText(piece);
  return [text.slice(0, at), text.slice(at)];
};

/**
 * Wraps the worksheet's XML byte stream (exceljs reads it from `iterator` when iteration starts)
 * and feeds it to the merge scanner. The piece holding </sheetData> is cut right after it: exceljs
 * asks for the next piece only once the rows of this one have gone through sheetRows, so every
 * merge (they follow sheetData) is weighed against the complete data area. latin1 keeps string
 * offsets equal to byte offsets, and the cut falls on an ASCII '>' (never inside a UTF-8 character).
 */
function watchSheetXml(worksheet: unknown, scanner: MergeScanner, rowsDone: { value: boolean }): void {
  if (!isRecord(worksheet) || !isRecord(worksheet.iterator) || !(Symbol.asyncIterator in worksheet.iterator)) {
    throw new Error('exceljs worksheet reader without an iterator: check the exceljs version');
  }
  const source = worksheet.iterator as AsyncIterable<unknown>;
  worksheet.iterator = (async function* () {
    let tail = '';
    for await (const piece of source) {
      const text = toText(piece);
      if (!rowsDone.value) {
        const found = (tail + text).indexOf(SHEET_DATA_END);
        if (found >= 0) {
          const cut = found + SHEET_DATA_END.length - tail.length;
          const [head, rest] = split(piece, cut);
          scanner.scan(text.slice(0, cut));
          yield head;
          rowsDone.value = true;
          scanner.scan(text.slice(cut));
          yield rest;
          continue;
        }
        tail = text.slice(-SHEET_DATA_END.length);
      }
      scanner.scan(text);
      yield piece;
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
      const area = new DataArea();
      const rowsDone = { value: false };
      // A merge seen before </sheetData> (out of the schema's order) counts as overlapping.
      const scanner = new MergeScanner((range) => !rowsDone.value || area.overlaps(range));
      watchSheetXml(worksheet, scanner, rowsDone);
      for await (const row of worksheet) {
        const cells = rowCells(row);
        area.add(row.number, cells);
        yield { line: row.number, cells };
      }
      const merged = scanner.refusal();
      if (merged) throw merged;
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

/** The whole upload as one Buffer (at most maxBytes: the zip's directory is at its end). */
async function gather(input: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of input) {
      const bytes = toBytes(chunk);
      length += bytes.length;
      if (length > maxBytes) throw new ImportFileError('tooLarge', { max: maxBytes });
      chunks.push(bytes);
    }
  } finally {
    input.destroy();
  }
  return Buffer.concat(chunks, length);
}

/** The checked file to exceljs in 64 KiB pieces, as a stream would have brought it. */
function replay(file: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < file.length; at += 64 * 1024) yield file.subarray(at, at + 64 * 1024);
    })(),
    { objectMode: false },
  );
}

async function* guardedRows(input: Readable, maxBytes: number): AsyncGenerator<SourceRow> {
  const file = await gather(input, maxBytes);
  await guardZip(file);
  yield* sheetRows(replay(file));
}

/**
 * Reads the first worksheet of an .xlsx upload as rows of trimmed strings. The file (at most
 * maxBytes) is gathered and checked by guardZip first (zip bomb, hidden entries: 'tooLarge',
 * 'unpackedTooLarge', 'tooManyParts', 'notSpreadsheet'); then exceljs's streaming reader parses
 * rows as the sheet is inflated, never the whole sheet at once. A hidden first worksheet →
 * 'hiddenSheet' (the user would not see what is imported); a formula without a cached result →
 * 'formula'; merged cells over the data → 'mergedCells' naming them (raised after the last row:
 * whoever reads must drop what it got); anything else that is not an xlsx → 'notSpreadsheet'.
 * Blank rows are skipped, like blank CSV lines.
 */
export function readXlsx(input: Readable, maxRows: number = MAX_DATA_ROWS, maxBytes: number = MAX_FILE_BYTES): AsyncGenerator<SourceRow> {
  return limitRows(guardedRows(input, maxBytes), maxRows);
}
