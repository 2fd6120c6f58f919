import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DataArea, MergeScanner, parseRange } from '@/lib/import/read/merged-cells';
import { readXlsx } from '@/lib/import/read/read-xlsx';
import { chunked, collect, dataRow, failure, HEADER, xlsxBuffer } from './fixtures';

/** The Users sheet: HEADER in row 1 (columns A–C), `rows` data rows, then `build`. */
async function sheet(rows: number, build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  return xlsxBuffer((workbook) => {
    const users = workbook.addWorksheet('Users');
    users.addRow(HEADER);
    for (let index = 1; index <= rows; index++) users.addRow(dataRow(index));
    build(users);
  });
}

describe('merged cells in an xlsx', () => {
  it('refuses merges over the data, naming them, in every chunking of the upload', async () => {
    const file = await sheet(10, (users) => {
      users.mergeCells('A3:B3');
      users.mergeCells('C7:C9');
    });
    for (const size of [512, 64 * 1024]) {
      expect(await failure(readXlsx(chunked(file, size)))).toMatchObject({ code: 'mergedCells', params: { cells: 'A3:B3, C7:C9', more: 0 } });
    }
  });

  it('names the first five and counts the rest', async () => {
    const file = await sheet(20, (users) => {
      for (let row = 2; row <= 9; row++) users.mergeCells(`A${row}:B${row}`);
    });
    expect(await failure(readXlsx(chunked(file, 4096)))).toMatchObject({ params: { cells: 'A2:B2, A3:B3, A4:B4, A5:B5, A6:B6', more: 3 } });
  });

  it('refuses a merge in the header row and one that reaches into the data from outside it', async () => {
    expect(await failure(readXlsx(chunked(await sheet(3, (users) => users.mergeCells('B1:C1')), 4096)))).toMatchObject({ params: { cells: 'B1:C1' } });
    expect(await failure(readXlsx(chunked(await sheet(3, (users) => users.mergeCells('C4:F6')), 4096)))).toMatchObject({ params: { cells: 'C4:F6' } });
  });

  it('allows merges away from the data: right of the last used column and below the last row', async () => {
    const file = await sheet(5, (users) => {
      users.mergeCells('E2:G3'); // columns A–C hold the data
      users.mergeCells('A9:C10'); // the last data row is 6
    });
    const rows = await collect(readXlsx(chunked(file, 4096)));
    expect(rows).toHaveLength(6);
    expect(rows[5]).toEqual(dataRow(5));
  });

  it('weighs merges against the whole data area, even when many rows come after the first chunk', async () => {
    // The last row decides the area: a merge on it is refused although it comes late in the XML.
    const file = await sheet(3_000, (users) => users.mergeCells('A3001:B3001'));
    expect(await failure(readXlsx(chunked(file, 512)))).toMatchObject({ params: { cells: 'A3001:B3001' } });
  });
});

describe('MergeScanner', () => {
  it('finds tags cut anywhere between pieces, and only once', () => {
    const xml = '<sheetData><row r="1"/></sheetData><mergeCells count="2"><mergeCell ref="A3:B3"/><mergeCell  ref=\'c7:c9\' /></mergeCells>';
    for (const size of [1, 2, 5, 13, xml.length]) {
      const scanner = new MergeScanner(() => true);
      for (let at = 0; at < xml.length; at += size) scanner.scan(xml.slice(at, at + size));
      expect(scanner.refusal()).toMatchObject({ code: 'mergedCells', params: { cells: 'A3:B3, C7:C9', more: 0 } });
    }
    expect(new MergeScanner(() => true).refusal()).toBeNull();
  });

  it('keeps only merges that overlap the data', () => {
    const area = new DataArea();
    area.add(2, ['', '']); // blank: above the header
    area.add(3, ['EMAIL', 'NAME', '']);
    area.add(4, ['a@b.c', '', '  ']);
    const scanner = new MergeScanner((range) => area.overlaps(range));
    scanner.scan('<mergeCell ref="A1:B2"/><mergeCell ref="C3:D4"/><mergeCell ref="A5:B6"/><mergeCell ref="B4:B5"/><mergeCell ref="nonsense"/>');
    expect(scanner.refusal()).toMatchObject({ params: { cells: 'B4:B5', more: 0 } });
  });

  it('reads refs', () => {
    expect(parseRange('A3:B3')).toEqual({ top: 3, bottom: 3, left: 1, right: 2 });
    expect(parseRange('AA10:Z1')).toEqual({ top: 1, bottom: 10, left: 26, right: 27 });
    expect(parseRange('C7')).toEqual({ top: 7, bottom: 7, left: 3, right: 3 });
    for (const bad of ['', 'A0', 'A1:B', '1:2', 'A1:B2:C3']) expect(parseRange(bad)).toBeNull();
  });
});
