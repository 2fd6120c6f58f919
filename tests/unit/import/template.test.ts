import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mapHeaders, TEMPLATE_HEADERS, type TemplateLanguage } from '@/lib/import/columns';
import { readSpreadsheet } from '@/lib/import/read/read-file';
import { buildTemplate, csvSeparator } from '@/lib/import/template';

const LANGUAGES = Object.keys(TEMPLATE_HEADERS) as TemplateLanguage[];

async function firstRow(file: Buffer, name: string): Promise<string[]> {
  for await (const row of readSpreadsheet(Readable.from(file), name, file.length)) return row.cells;
  throw new Error('no rows');
}

describe('import template (IMP-1)', () => {
  it.each(LANGUAGES)('the %s xlsx template reads back through the importer with every column recognised', async (language) => {
    const file = await buildTemplate(language, 'xlsx', ['Fill in one user per row.', 'ROLE: User or Account Admin.']);
    const headers = await firstRow(file, 'template.xlsx');
    expect(headers).toEqual(Object.values(TEMPLATE_HEADERS[language]));
    expect(mapHeaders(headers)).toEqual({ ok: true, columns: { firstName: 0, lastName: 1, name: 2, email: 3, role: 4 } });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Users', 'Instructions']);
    expect(workbook.getWorksheet('Instructions')!.getCell('A2').value).toBe('ROLE: User or Account Admin.');
    expect(workbook.getWorksheet('Users')!.rowCount).toBe(1);
  });

  it.each(LANGUAGES)('the %s CSV template has a BOM, the local separator and recognised headers', async (language) => {
    const file = await buildTemplate(language, 'csv', []);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8')).toContain(csvSeparator(language));
    const headers = await firstRow(file, 'template.csv');
    expect(mapHeaders(headers).ok).toBe(true);
  });

  it('neutralises every cell it writes against formula injection, like the error report', async () => {
    const file = await buildTemplate('en', 'xlsx', ['=1+2', '- one user per row', 'Fill in EMAIL.']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const help = workbook.getWorksheet('Instructions')!;
    expect([1, 2, 3].map((row) => help.getCell(row, 1).value)).toEqual(["'=1+2", "'- one user per row", 'Fill in EMAIL.']);
    // Nothing is ever written as a formula.
    const formulas = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().filter((v) => typeof v === 'object' && v !== null && 'formula' in v));
    expect(formulas).toEqual([]);
    // Today's headers start with letters, so neutralising leaves them as they are.
    for (const language of LANGUAGES) expect((await buildTemplate(language, 'csv', [])).toString('utf8')).toBe(`\uFEFF${Object.values(TEMPLATE_HEADERS[language]).join(csvSeparator(language))}\r\n`);
  });

  it('uses semicolons where Excel does (nl, fr, it, de, es) and a comma for English', () => {
    expect(LANGUAGES.map((l) => [l, csvSeparator(l)])).toEqual([
      ['en', ','],
      ['nl', ';'],
      ['fr', ';'],
      ['it', ';'],
      ['de', ';'],
      ['es', ';'],
    ]);
  });
});
