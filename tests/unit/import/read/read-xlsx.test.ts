import { describe, expect, it } from 'vitest';
import { readXlsx } from '@/lib/import/read/read-xlsx';
import { chunked, collect, count, dataRow, failure, HEADER, lines, xlsxBuffer } from './fixtures';

describe('readXlsx', () => {
  it('reads the first sheet as trimmed, positional strings: rich text, hyperlink, date, number, formula result', async () => {
    const file = await xlsxBuffer((workbook) => {
      const sheet = workbook.addWorksheet('Users');
      sheet.addRow(['FIRST NAME', 'EMAIL', 'ROLE', 'SINCE', 'SEATS', 'TOTAL']);
      sheet.getCell('A2').value = { richText: [{ text: ' Zo', font: { bold: true } }, { text: 'ë ' }] };
      sheet.getCell('B2').value = { text: 'zoe@example.com', hyperlink: 'mailto:zoe@example.com' };
      sheet.getCell('D2').value = new Date(Date.UTC(2024, 2, 31));
      sheet.getCell('E2').value = 3;
      sheet.getCell('F2').value = { formula: 'E2*2', result: 6 };
      sheet.getCell('C3').value = '  Account Admin ';
      sheet.getCell('F3').value = { formula: 'CONCAT("a","b")', result: 'ab' };
      workbook.addWorksheet('Other').addRow(['not', 'read']);
    });
    expect(await collect(readXlsx(chunked(file, 4096)))).toEqual([
      ['FIRST NAME', 'EMAIL', 'ROLE', 'SINCE', 'SEATS', 'TOTAL'],
      ['Zoë', 'zoe@example.com', '', '2024-03-31', '3', '6'],
      ['', '', 'Account Admin', '', '', 'ab'],
    ]);
  });

  it('skips blank rows and reads 10,000 rows in order', async () => {
    const file = await xlsxBuffer((workbook) => {
      const sheet = workbook.addWorksheet('Users');
      sheet.addRow(HEADER);
      for (let index = 1; index <= 10_000; index++) sheet.addRow(dataRow(index));
      sheet.getCell('A10005').value = '   ';
      sheet.getCell('B10007').value = 'last';
    });
    const rows = await collect(readXlsx(chunked(file, 16 * 1024)));
    expect(rows).toHaveLength(10_002);
    expect(rows[0]).toEqual(HEADER);
    expect(rows[1]).toEqual(dataRow(1));
    expect(rows[10_000]).toEqual(dataRow(10_000));
    expect(rows[10_001]).toEqual(['', 'last']);
    const numbers = await lines(readXlsx(chunked(file, 16 * 1024)));
    expect(numbers.slice(-2)).toEqual([10_001, 10_007]);
  });

  it('refuses a workbook whose first sheet is hidden', async () => {
    const file = await xlsxBuffer((workbook) => {
      workbook.addWorksheet('Secret', { state: 'hidden' }).addRow(HEADER);
      workbook.addWorksheet('Users').addRow(HEADER);
    });
    expect(await failure(readXlsx(chunked(file, 4096)))).toMatchObject({ code: 'hiddenSheet' });
  });

  it('reads the first sheet when a later one is hidden', async () => {
    const file = await xlsxBuffer((workbook) => {
      workbook.addWorksheet('Users').addRow(HEADER);
      workbook.addWorksheet('Lists', { state: 'veryHidden' }).addRow(['x']);
    });
    expect(await collect(readXlsx(chunked(file, 4096)))).toEqual([HEADER]);
  });

  it('refuses a formula without a cached result, naming the cell', async () => {
    const file = await xlsxBuffer((workbook) => {
      const sheet = workbook.addWorksheet('Users');
      sheet.addRow(HEADER);
      sheet.getCell('C2').value = { formula: 'A2&"@example.com"' };
    });
    expect(await failure(readXlsx(chunked(file, 4096)))).toMatchObject({ code: 'formula', params: { cell: 'C2' } });
  });

  it('refuses merged cells on the imported sheet once the sheet is read, not on another sheet', async () => {
    const merged = await xlsxBuffer((workbook) => {
      const sheet = workbook.addWorksheet('Users');
      sheet.addRow(HEADER);
      for (let index = 1; index <= 2_000; index++) sheet.addRow(dataRow(index));
      sheet.mergeCells('A2:B2');
    });
    for (const size of [512, 64 * 1024]) expect(await failure(readXlsx(chunked(merged, size)))).toMatchObject({ code: 'mergedCells' });
    const elsewhere = await xlsxBuffer((workbook) => {
      workbook.addWorksheet('Users').addRow(HEADER);
      const help = workbook.addWorksheet('Help');
      help.addRow(['a', 'b']);
      help.mergeCells('A1:B1');
    });
    expect(await collect(readXlsx(chunked(elsewhere, 4096)))).toEqual([HEADER]);
  });

  it('refuses input that is not an xlsx, an empty workbook and too many rows', async () => {
    expect(await failure(readXlsx(chunked('EMAIL\na@b.c\n')))).toMatchObject({ code: 'notSpreadsheet' });
    expect(await failure(readXlsx(chunked(Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]))))).toMatchObject({ code: 'notSpreadsheet' });
    const empty = await xlsxBuffer((workbook) => void workbook.addWorksheet('Users'));
    expect(await failure(readXlsx(chunked(empty, 4096)))).toMatchObject({ code: 'empty' });
    const six = await xlsxBuffer((workbook) => {
      const sheet = workbook.addWorksheet('Users');
      for (let index = 0; index <= 6; index++) sheet.addRow(dataRow(index));
    });
    expect(await count(readXlsx(chunked(six, 4096), 6))).toBe(7);
    expect(await failure(readXlsx(chunked(six, 4096), 5))).toMatchObject({ code: 'tooManyRows', params: { max: 5 } });
  });
});
