import { Readable } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { db } from '@/db/client';
import { userImportRows, userImports, type UserImport } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { commitImport } from '@/lib/import/session/commit-import';
import { listImportRows } from '@/lib/import/session/list-import-rows';
import { parseImport } from '@/lib/import/session/parse-import';
import { requestImportCommit } from '@/lib/import/session/request-commit';
import { startImport } from '@/lib/import/session/start-import';

/** Fixtures for the import tests (not a test file itself). */
export function csv(lines: string[], separator = ','): Buffer {
  return Buffer.from(`${lines.map((line) => line.replaceAll(',', separator)).join('\r\n')}\r\n`, 'utf8');
}

export async function xlsx(rows: (string | null)[][], build?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Users');
  for (const row of rows) sheet.addRow(row);
  build?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads a file as the browser would (streamed body) and returns the import id. */
export async function upload(actor: Actor, accountId: string, file: Buffer, fileName = 'users.csv', declared = file.length): Promise<string> {
  const { importId } = await startImport({ ctx: { actor }, input: { accountId, fileName, sizeBytes: declared }, body: Readable.from([file]) });
  return importId;
}

/** Upload + the parse job, as the worker would run it. */
export async function uploadAndParse(actor: Actor, accountId: string, file: Buffer, fileName = 'users.csv'): Promise<UserImport> {
  const importId = await upload(actor, accountId, file, fileName);
  await parseImport(importId);
  return importOf(importId);
}

/** "Upload" in the preview, and the commit job. */
export async function commit(actor: Actor, accountId: string, importId: string): Promise<void> {
  await requestImportCommit({ ctx: { actor }, input: { accountId, importId } });
  await commitImport(importId);
}

export async function importOf(importId: string): Promise<UserImport> {
  const [found] = await db().select().from(userImports).where(eq(userImports.id, importId));
  if (!found) throw new Error(`no import ${importId}`);
  return found;
}

/** The open rows' problems by row number, as the preview shows them. */
export async function problemsByRow(actor: Actor, accountId: string, importId: string): Promise<Record<number, Record<string, { key: string; params?: object }[]>>> {
  const preview = await listImportRows(db(), actor, { accountId, importId }, { size: '100' });
  return Object.fromEntries(preview.rows.map((row) => [row.rowNumber, row.problems]));
}

export async function storedRows(importId: string) {
  return db().select().from(userImportRows).where(eq(userImportRows.importId, importId)).orderBy(asc(userImportRows.rowNumber));
}

export async function openRowCount(importId: string): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(userImportRows)
    .where(and(eq(userImportRows.importId, importId), sql`${userImportRows.createdUserId} is null`));
  return row?.n ?? 0;
}

/** n template rows: "First{i}", "Last{i}", e-mail user{i}@<domain>. */
export function manyRows(n: number, domain: string, from = 1): string[] {
  return Array.from({ length: n }, (_, i) => `First${from + i},Last${from + i},,user${from + i}@${domain},`);
}
