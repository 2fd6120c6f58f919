import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { MAX_DATA_ROWS } from '../limits';
import { bomEncoding, type TextEncoding } from './encoding';
import { ImportFileError } from './errors';
import { limitRows, type SourceRow } from './rows';

/** Bytes looked at before decoding: binary files show a NUL byte well within them. */
const SNIFF_BYTES = 8 * 1024;

/** A stream chunk as bytes; anything but bytes or text → 'notSpreadsheet'. */
export function toBytes(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new ImportFileError('notSpreadsheet');
}

/**
 * Decodes the byte stream chunk by chunk (TextDecoder in streaming mode, so a character split
 * across chunks is kept whole) in `encoding`, decided beforehand from the whole file
 * (EncodingDetector); without one, in the encoding of the BOM, else UTF-8. The decoder drops a BOM.
 * Invalid UTF-8/UTF-16 → 'encoding'; a NUL byte in a file that is not UTF-16 → 'notSpreadsheet'
 * (binary data, e.g. a legacy .xls or an image).
 */
export async function* decodeText(input: AsyncIterable<unknown>, encoding?: TextEncoding): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let head = Buffer.alloc(0);
  const decode = (bytes: Buffer, stream: boolean): string => {
    decoder ??= new TextDecoder(encoding ?? bomEncoding(bytes) ?? 'utf-8', { fatal: true });
    if (!decoder.encoding.startsWith('utf-16') && bytes.includes(0)) throw new ImportFileError('notSpreadsheet');
    try {
      return decoder.decode(bytes, { stream });
    } catch (cause) {
      throw new ImportFileError('encoding', undefined, { cause });
    }
  };
  for await (const chunk of input) {
    let bytes = toBytes(chunk);
    if (decoder === null) {
      head = Buffer.concat([head, bytes]);
      if (head.length < SNIFF_BYTES) continue; // see the BOM, and NULs before any decoding error
      bytes = head;
    }
    const text = decode(bytes, true);
    if (text !== '') yield text;
  }
  const rest = decode(decoder === null ? head : Buffer.alloc(0), false);
  if (rest !== '') yield rest;
}

const SEPARATORS = [',', ';', '\t'] as const;

/**
 * The separator of the header line: whichever of , ; TAB occurs most outside quotes (ties and
 * no separator at all → comma, a one-column file). `text` is the start of the file.
 */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [separator, count] of counts) if (count > (counts.get(best) ?? 0)) best = separator;
  return best;
}

/** True once `text` holds a line break outside quotes (the whole header line is there). */
function hasHeaderLine(text: string): boolean {
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return true;
  }
  return false;
}

const HEADER_PEEK_LIMIT = 64 * 1024;

/**
 * Reads a CSV upload as rows of cells, streaming: only the header line and csv-parse's current
 * record are held. UTF-8 (BOM or not), UTF-16 LE/BE with BOM, Windows-1252 when the caller's
 * detector said so (see decodeText); comma, semicolon or tab separated
 * (detected from the header line); quoted fields with separators, quotes and line breaks; CRLF.
 * Blank lines are skipped. Cells are returned as written (validate-row trims and measures them).
 */
export async function* readCsv(input: Readable, maxRows: number = MAX_DATA_ROWS, encoding?: TextEncoding): AsyncGenerator<SourceRow> {
  const text = decodeText(input, encoding);
  let start = '';
  let done = false;
  while (!done && start.length < HEADER_PEEK_LIMIT && !hasHeaderLine(start)) {
    const next = await text.next();
    if (next.done) done = true;
    else start += next.value;
  }
  const source = Readable.from(
    (async function* () {
      if (start !== '') yield start;
      if (!done) yield* text;
    })(),
    { objectMode: false },
  );
  const parser = parse({
    delimiter: detectSeparator(start),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  });
  // pipeline forwards a decoding error to the parser, so the loop below rejects with it.
  pipeline(source, parser, () => undefined);
  try {
    yield* limitRows(records(parser), maxRows);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError('notSpreadsheet', { line: typeof error.lines === 'number' ? error.lines : 0 }, { cause: error });
    throw error;
  } finally {
    parser.destroy();
  }
}

/** csv-parse's records with `info`: the line a record ends on is the row number people see. */
async function* records(parser: AsyncIterable<unknown>): AsyncGenerator<SourceRow> {
  for await (const item of parser) {
    const { record, info } = item as { record?: unknown; info?: { lines?: unknown } };
    if (!Array.isArray(record)) continue;
    yield { line: typeof info?.lines === 'number' ? info.lines : 0, cells: record.map((cell) => (typeof cell === 'string' ? cell : String(cell))) };
  }
}
