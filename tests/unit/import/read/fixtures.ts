import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SourceRow } from '@/lib/import/read/rows';

/** A stream that hands out `data` in chunks of `size` bytes (splits BOMs and characters). */
export function chunked(data: Buffer | string, size = 7): Readable {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    })(),
    { objectMode: false },
  );
}

export function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

export function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
}

export async function collect(rows: AsyncIterable<SourceRow>): Promise<string[][]> {
  const all: string[][] = [];
  for await (const row of rows) all.push(row.cells);
  return all;
}

/** The row numbers a reader reports, in order. */
export async function lines(rows: AsyncIterable<SourceRow>): Promise<number[]> {
  const all: number[] = [];
  for await (const row of rows) all.push(row.line);
  return all;
}

export async function count(rows: AsyncIterable<SourceRow>): Promise<number> {
  let n = 0;
  for await (const row of rows) if (row.cells.length > 0) n++;
  return n;
}

/** Collects the rows and returns the error the reader threw (fails the test if none). */
export async function failure(rows: AsyncIterable<SourceRow>): Promise<unknown> {
  try {
    await collect(rows);
  } catch (error) {
    return error;
  }
  throw new Error('expected the reader to throw');
}

export async function xlsxBuffer(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const HEADER = ['FIRST NAME', 'LAST NAME', 'EMAIL'];

export function dataRow(index: number): string[] {
  return [`First${index}`, `Last${index}`, `user${index}@example.com`];
}
