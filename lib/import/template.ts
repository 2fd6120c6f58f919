import ExcelJS from 'exceljs';
import { COLUMN_KEYS, TEMPLATE_HEADERS, type TemplateLanguage } from './columns';
import { neutraliseCell } from './neutralise';

export type TemplateFormat = 'xlsx' | 'csv';

/**
 * Excel opens CSV with the list separator of the user's regional settings: a semicolon in the
 * Dutch, French, Italian, German and Spanish locales, a comma in English ones (IMP-1 template).
 */
export function csvSeparator(language: TemplateLanguage): ',' | ';' {
  return language === 'en' ? ',' : ';';
}

export function templateHeaders(language: TemplateLanguage): string[] {
  return COLUMN_KEYS.map((key) => TEMPLATE_HEADERS[language][key]);
}

/**
 * IMP-1: the import template in the user's language. The xlsx has the header row on its first
 * sheet and the instructions (already translated by the caller) on a second one, so nothing but
 * users is ever read from the first sheet; the CSV is the header line alone, with a BOM so Excel
 * reads it as UTF-8.
 *
 * Every cell goes through neutraliseCell (lib/import/neutralise.ts says why xlsx too), like the
 * error report's, although today's headers and instructions are our own translations: one rule
 * for every file the portal writes, so a future translation starting with "-" cannot become one.
 */
export async function buildTemplate(language: TemplateLanguage, format: TemplateFormat, instructions: readonly string[]): Promise<Buffer> {
  const headers = templateHeaders(language).map(neutraliseCell);
  if (format === 'csv') return Buffer.from(`\uFEFF${headers.join(csvSeparator(language))}\r\n`, 'utf8');

  const workbook = new ExcelJS.Workbook();
  const users = workbook.addWorksheet('Users', { views: [{ state: 'frozen', ySplit: 1 }] });
  users.columns = headers.map((header) => ({ header, width: Math.max(18, header.length + 4) }));
  users.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('Instructions');
  help.getColumn(1).width = 100;
  instructions.forEach((line, i) => {
    help.getCell(i + 1, 1).value = neutraliseCell(line);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
