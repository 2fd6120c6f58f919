import { Readable } from 'node:stream';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from '../limits';
import type { TextEncoding } from './encoding';
import { ImportFileError } from './errors';
import { readCsv, toBytes } from './read-csv';
import { readXlsx } from './read-xlsx';
import type { SourceRow } from './rows';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // PK\x03\x04: xlsx (and any zip)
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // legacy .xls / .doc

/** encoding: of a CSV, as EncodingDetector decided it over the whole upload (else BOM / UTF-8). */
export type ReadOptions = { maxRows?: number; maxBytes?: number; encoding?: TextEncoding };

/**
 * Reads the first `count` bytes of a stream and returns them with a stream that replays them
 * followed by the rest. The replay counts bytes and fails with 'tooLarge' past maxBytes, so a
 * declared size that lies does not let a bigger upload through.
 */
async function peek(input: Readable, count: number, maxBytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator: AsyncIterator<unknown> = input[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < count) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    const bytes = toBytes(next.value);
    chunks.push(bytes);
    length += bytes.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    let total = head.length;
    if (total > maxBytes) throw new ImportFileError('tooLarge', { max: maxBytes });
    if (head.length > 0) yield head;
    while (!ended) {
      const next = await iterator.next();
      if (next.done === true) return;
      const bytes = toBytes(next.value);
      total += bytes.length;
      if (total > maxBytes) throw new ImportFileError('tooLarge', { max: maxBytes });
      yield bytes;
    }
  }
  const stream = Readable.from(replay(), { objectMode: false });
  stream.once('close', () => input.destroy());
  return { head: head.subarray(0, count), stream };
}

/**
 * Reads an uploaded import file as rows of cells (header row first), picking the reader by the
 * content, not the name: a zip → xlsx, a legacy binary .xls → 'notSpreadsheet', else CSV. A file
 * named .xlsx that is not a zip is refused rather than read as text. Files over MAX_FILE_BYTES are
 * refused before reading ('tooLarge'). Errors are ImportFileError, raised while iterating.
 */
export async function* readSpreadsheet(
  input: Readable,
  filename: string,
  sizeBytes: number,
  options: ReadOptions = {},
): AsyncGenerator<SourceRow> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const maxRows = options.maxRows ?? MAX_DATA_ROWS;
  if (sizeBytes > maxBytes) {
    input.destroy();
    throw new ImportFileError('tooLarge', { max: maxBytes });
  }
  const { head, stream } = await peek(input, ZIP_MAGIC.length, maxBytes);
  if (head.equals(ZIP_MAGIC)) {
    yield* readXlsx(stream, maxRows, maxBytes);
    return;
  }
  if (head.equals(OLE_MAGIC) || /\.xls[xmb]?$/i.test(filename)) {
    stream.destroy();
    throw new ImportFileError('notSpreadsheet');
  }
  yield* readCsv(stream, maxRows, options.encoding);
}
