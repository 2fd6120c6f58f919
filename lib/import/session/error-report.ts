import 'server-only';
import { PassThrough, type Readable } from 'node:stream';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { db } from '@/db/client';
import { userImportRows, type UserImport } from '@/db/schema';
import { COLUMN_KEYS, TEMPLATE_HEADERS, type ColumnKey } from '@/lib/import/columns';
import { neutraliseCell } from '@/lib/import/neutralise';
import type { Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';
import { rowProblems } from './rows';

const PAGE = 2000;

/**
 * "Download errors" (F-IMP): the rows that still have an error, as an xlsx with the template's
 * columns in the user's language, then ROW (its number in the uploaded file) and ERRORS (every
 * problem, "COLUMN: message"). Every cell is neutralised against formula injection. Streamed:
 * rows are read a page at a time and written as they come, whatever the number of errors.
 */
export function errorReport(found: UserImport, locale: Locale): Readable {
  const t = translator(locale);
  const headers = TEMPLATE_HEADERS[locale];
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(t('import.report.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...COLUMN_KEYS.map((key) => ({ header: headers[key], key, width: 22 })),
    { header: t('import.report.row'), key: 'row', width: 8 },
    { header: t('import.report.errors'), key: 'errors', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  void (async () => {
    let after = 0;
    for (;;) {
      const rows = await db()
        .select()
        .from(userImportRows)
        .where(and(eq(userImportRows.importId, found.id), isNull(userImportRows.createdUserId), eq(userImportRows.hasError, true), gt(userImportRows.rowNumber, after)))
        .orderBy(asc(userImportRows.rowNumber))
        .limit(PAGE);
      for (const row of rows) {
        const problems = rowProblems({ errors: row.errors, duplicateOf: row.duplicateOf, inUse: row.inUse });
        const messages = (Object.entries(problems) as [ColumnKey, { key: string; params?: Record<string, string | number> }[]][]).flatMap(([column, list]) =>
          list.map((problem) => `${headers[column]}: ${t(problem.key, problem.params ?? {})}`),
        );
        const cells: Record<string, string | number> = { row: row.rowNumber, errors: neutraliseCell(messages.join('\n')) };
        for (const key of COLUMN_KEYS) cells[key] = neutraliseCell(row[key]);
        sheet.addRow(cells).commit();
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.rowNumber;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
