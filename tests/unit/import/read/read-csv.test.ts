import { describe, expect, it } from 'vitest';
import { ImportFileError } from '@/lib/import/read/errors';
import { detectSeparator, readCsv } from '@/lib/import/read/read-csv';
import { chunked, collect, failure, lines, utf16be, utf16le } from './fixtures';

const TEXT = 'FIRST NAME;EMAIL;ROLE\r\n"Zoë; ""Z""";zoe@example.com;User\r\n\r\nÉmile;emile@example.com;"Account\r\nAdmin"\r\n';
const ROWS = [
  ['FIRST NAME', 'EMAIL', 'ROLE'],
  ['Zoë; "Z"', 'zoe@example.com', 'User'],
  ['Émile', 'emile@example.com', 'Account\r\nAdmin'],
];

describe('readCsv', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['UTF-16 LE with BOM', utf16le(TEXT)],
    ['UTF-16 BE with BOM', utf16be(TEXT)],
  ])('reads %s split into small chunks', async (_name, bytes) => {
    for (const size of [1, 3, 64 * 1024]) expect(await collect(readCsv(chunked(bytes, size)))).toEqual(ROWS);
  });

  it('detects comma, semicolon and tab separators from the header line, outside quotes', async () => {
    expect(await collect(readCsv(chunked('"A;B;C",EMAIL\nx,y@z.com\n')))).toEqual([['A;B;C', 'EMAIL'], ['x', 'y@z.com']]);
    expect(await collect(readCsv(chunked('A\tB\n1\t2;3\n')))).toEqual([['A', 'B'], ['1', '2;3']]);
    expect(detectSeparator('EMAIL\nx')).toBe(',');
    expect(detectSeparator('a;b;c,d\n1,2,3,4,5')).toBe(';');
  });

  it('keeps ragged rows, skips blank lines and rows of empty cells, keeps cells as written', async () => {
    const rows = await collect(readCsv(chunked('A,B,C\n1\n\n,,\n  x  ,2,3,4\n')));
    expect(rows).toEqual([['A', 'B', 'C'], ['1'], ['  x  ', '2', '3', '4']]);
    expect(await lines(readCsv(chunked('A,B,C\n1\n\n,,\n  x  ,2,3,4\n')))).toEqual([1, 2, 5]);
  });

  it('does not refuse a long cell (validate-row reports it per cell)', async () => {
    const long = 'x'.repeat(5_000);
    expect(await collect(readCsv(chunked(`EMAIL\n${long}\n`, 1000)))).toEqual([['EMAIL'], [long]]);
  });

  it('refuses an empty file, a BOM only and blank lines only', async () => {
    for (const input of ['', '\uFEFF', '\r\n\n ,\n']) {
      expect(await failure(readCsv(chunked(input)))).toMatchObject({ code: 'empty' });
    }
  });

  it('refuses binary data, and text that is not UTF-8 when the caller decided no encoding', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const error = await failure(readCsv(chunked(binary)));
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: 'notSpreadsheet' });
    expect(await failure(readCsv(chunked(Buffer.from('EMAIL\n\u0000\u0001', 'utf8'))))).toMatchObject({ code: 'notSpreadsheet' });
    // UTF-16 without a BOM: NUL bytes in what is read as UTF-8.
    expect(await failure(readCsv(chunked(Buffer.from('EMAIL\n', 'utf16le'))))).toMatchObject({ code: 'notSpreadsheet' });
    const latin1 = Buffer.from('NOM\nRen\xe9\n', 'latin1');
    expect(await failure(readCsv(chunked(latin1)))).toMatchObject({ code: 'encoding' });
  });

  it('refuses an unclosed quote as not a spreadsheet', async () => {
    expect(await failure(readCsv(chunked('EMAIL\n"a@b.c\n')))).toMatchObject({ code: 'notSpreadsheet' });
  });

  it('refuses more data rows than the maximum, not counting the header or blank lines', async () => {
    const five = ['EMAIL', '', '1', '2', '3', '4', '5', ''].join('\n');
    expect(await collect(readCsv(chunked(five), 5))).toHaveLength(6);
    const error = await failure(readCsv(chunked(`${five}\n6\n`), 5));
    expect(error).toMatchObject({ code: 'tooManyRows', params: { max: 5 } });
  });
});
