import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '@/lib/import/limits';
import { readSpreadsheet } from '@/lib/import/read/read-file';
import { chunked, collect, count, dataRow, failure, HEADER, utf16le, xlsxBuffer } from './fixtures';

describe('readSpreadsheet', () => {
  it('picks the reader by content, not by name', async () => {
    const xlsx = await xlsxBuffer((workbook) => workbook.addWorksheet('Users').addRow(HEADER));
    expect(await collect(readSpreadsheet(chunked(xlsx, 1), 'users.csv', xlsx.length))).toEqual([HEADER]);
    const csv = utf16le('EMAIL;ROLE\r\na@b.c;User\r\n');
    expect(await collect(readSpreadsheet(chunked(csv, 1), 'users.txt', csv.length))).toEqual([['EMAIL', 'ROLE'], ['a@b.c', 'User']]);
  });

  it('refuses a legacy .xls and a file named .xlsx that is not a zip', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await failure(readSpreadsheet(chunked(ole), 'users.csv', ole.length))).toMatchObject({ code: 'notSpreadsheet' });
    expect(await failure(readSpreadsheet(chunked('EMAIL\n'), 'users.XLSX', 6))).toMatchObject({ code: 'notSpreadsheet' });
  });

  it('refuses an empty upload', async () => {
    expect(await failure(readSpreadsheet(chunked(''), 'users.csv', 0))).toMatchObject({ code: 'empty' });
  });

  it('refuses a file over the size limit before reading, and a stream longer than its declared size', async () => {
    let pulled = false;
    const input = chunked('EMAIL\n');
    input.on('data', () => (pulled = true));
    const error = await failure(readSpreadsheet(input, 'users.csv', MAX_FILE_BYTES + 1));
    expect(error).toMatchObject({ code: 'tooLarge', params: { max: MAX_FILE_BYTES } });
    expect(pulled).toBe(false);
    const lying = `EMAIL\n${'a@b.c\n'.repeat(100)}`;
    expect(await failure(readSpreadsheet(chunked(lying), 'users.csv', 10, { maxBytes: 100 }))).toMatchObject({ code: 'tooLarge' });
  });

  it('passes the row limit to both readers', async () => {
    const csv = ['EMAIL', 'a', 'b', 'c'].join('\n');
    expect(await failure(readSpreadsheet(chunked(csv), 'u.csv', csv.length, { maxRows: 2 }))).toMatchObject({ code: 'tooManyRows' });
    const xlsx = await xlsxBuffer((workbook) => {
      const sheet = workbook.addWorksheet('Users');
      for (let index = 0; index < 4; index++) sheet.addRow(dataRow(index));
    });
    expect(await count(readSpreadsheet(chunked(xlsx, 512), 'u.xlsx', xlsx.length, { maxRows: 3 }))).toBe(4);
    expect(await failure(readSpreadsheet(chunked(xlsx, 512), 'u.xlsx', xlsx.length, { maxRows: 2 }))).toMatchObject({ code: 'tooManyRows' });
  });
});
