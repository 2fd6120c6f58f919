import 'server-only';
import { Readable } from 'node:stream';
import { and, count, eq, max, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { userImportChunks, userImportRows, userImports, type UserImport } from '@/db/schema';
import { loadActorForJob } from '@/lib/auth/load-actor';
import { mapHeaders, rowFromCells, type ColumnMap } from '@/lib/import/columns';
import { isTextEncoding } from '@/lib/import/read/encoding';
import { readSpreadsheet } from '@/lib/import/read/read-file';
import { isImportFileError } from '@/lib/import/read/errors';
import type { SourceRow } from '@/lib/import/read/rows';
import { checkRow, hasNoErrors } from '@/lib/import/validate-row';
import { finishProgress, reportProgress } from '@/lib/jobs/progress';
import { fileErrorMessage, headerErrorMessage, type RefusalMessage } from './file-error';
import { mayImportInto } from './scope';
import { refreshUniqueness } from './uniqueness';

/** Rows per transaction while parsing: each batch stores its rows and the progress together. */
export const PARSE_BATCH = 1000;

/** The stored file, piece by piece, counting the bytes handed out (the parse progress). */
function storedFile(importId: string, onRead: (bytes: number) => void): Readable {
  return Readable.from(
    (async function* () {
      for (let seq = 0; ; seq++) {
        const [chunk] = await db()
          .select({ data: userImportChunks.data })
          .from(userImportChunks)
          .where(and(eq(userImportChunks.importId, importId), eq(userImportChunks.seq, seq)));
        if (!chunk) return;
        onRead(chunk.data.length);
        yield chunk.data;
      }
    })(),
    { objectMode: false },
  );
}

async function loadParsing(importId: string): Promise<UserImport | null> {
  const [found] = await db().select().from(userImports).where(eq(userImports.id, importId)).limit(1);
  return found && found.status === 'parsing' ? found : null;
}

/**
 * The parse job (IMP-2, Beyond: at scale). Streams the stored file through the reader, checks
 * each row's own rules and stores the rows in batches, each batch in one transaction with the
 * progress (bytes read of the file). A retry after a crash or restart re-reads the file but skips
 * the rows already stored, so it resumes where the last batch committed. At the end the cross-row
 * e-mail rules run over the whole import in SQL and the preview is ready. A file that cannot be
 * read, or whose header row is unusable, fails the import with one message and keeps no row.
 */
export async function parseImport(importId: string): Promise<void> {
  const started = await loadParsing(importId);
  if (!started) return; // cancelled, or finished by an earlier attempt
  if (!(await mayImportInto(db(), await loadActorForJob(db(), started.createdBy), started.accountId))) return refuse(started, { key: 'errors.forbidden', params: {} });

  const [resume] = await db().select({ last: max(userImportRows.rowNumber) }).from(userImportRows).where(eq(userImportRows.importId, importId));
  const lastStored = resume?.last ?? 0;
  let bytesRead = 0;
  let rowCount = started.rowCount;
  let columns: ColumnMap | null = null;
  let batch: SourceRow[] = [];

  const store = async (rows: SourceRow[]): Promise<boolean> => {
    const map = columns!;
    const values = rows
      .filter((row) => row.line > lastStored)
      .map((row) => {
        const raw = rowFromCells(row.cells, map);
        const checked = checkRow(raw);
        const cell = (key: keyof typeof raw) => raw[key] ?? '';
        return {
          importId,
          rowNumber: row.line,
          firstName: cell('firstName'),
          lastName: cell('lastName'),
          name: cell('name'),
          email: cell('email'),
          role: cell('role'),
          emailKey: checked.emailKey,
          roleKey: checked.errors.role ? null : checked.values.role,
          errors: hasNoErrors(checked.errors) ? null : checked.errors,
        };
      });
    rowCount += rows.length;
    return db().transaction(async (tx) => {
      const [current] = await tx.select({ status: userImports.status }).from(userImports).where(eq(userImports.id, importId)).for('update');
      if (current?.status !== 'parsing') return false;
      if (values.length) await tx.insert(userImportRows).values(values).onConflictDoNothing();
      await tx.update(userImports).set({ bytesRead, rowCount, updatedAt: new Date() }).where(eq(userImports.id, importId));
      if (started.notificationId) await reportProgress(started.notificationId, bytesRead, started.fileBytes, { q: tx });
      return true;
    });
  };

  try {
    const file = storedFile(importId, (bytes) => {
      bytesRead += bytes;
    });
    // The encoding startImport decided (NULL for an xlsx, or an import uploaded before it did).
    const encoding = isTextEncoding(started.encoding) ? started.encoding : undefined;
    for await (const row of readSpreadsheet(file, started.fileName, started.fileBytes, { encoding })) {
      if (columns === null) {
        const header = mapHeaders(row.cells);
        if (!header.ok) return refuse(started, headerErrorMessage(header));
        columns = header.columns;
        rowCount = 0;
        continue;
      }
      batch.push(row);
      if (batch.length >= PARSE_BATCH) {
        if (!(await store(batch))) return;
        batch = [];
      }
    }
    if (columns === null) return refuse(started, { key: 'import.file.empty', params: {} });
    if (!(await store(batch))) return;
  } catch (e) {
    if (isImportFileError(e)) return refuse(started, fileErrorMessage(e));
    throw e;
  }
  if (rowCount === 0) return refuse(started, { key: 'import.file.noRows', params: {} });
  await finishParsing(started);
}

async function finishParsing(started: UserImport): Promise<void> {
  const importId = started.id;
  const summary = await db().transaction(async (tx) => {
    const [current] = await tx.select({ status: userImports.status }).from(userImports).where(eq(userImports.id, importId)).for('update');
    if (current?.status !== 'parsing') return null;
    await refreshUniqueness(tx, importId);
    const [counts] = await tx
      .select({ rows: count(), errors: count(sql`case when ${userImportRows.hasError} then 1 end`) })
      .from(userImportRows)
      .where(eq(userImportRows.importId, importId));
    await tx.delete(userImportChunks).where(eq(userImportChunks.importId, importId));
    await tx
      .update(userImports)
      .set({ status: 'ready', rowCount: counts?.rows ?? 0, bytesRead: started.fileBytes, updatedAt: new Date() })
      .where(eq(userImports.id, importId));
    return counts ?? { rows: 0, errors: 0 };
  });
  if (summary && started.notificationId) {
    await finishProgress(started.notificationId, { status: 'success', titleKey: 'import.progress.ready', params: { file: started.fileName, count: summary.rows, errors: summary.errors } });
  }
}

/** Fails the import as a whole: no row stays, the file is dropped, the message is kept. */
async function refuse(started: UserImport, message: RefusalMessage): Promise<void> {
  const importId = started.id;
  const refused = await db().transaction(async (tx) => {
    const [current] = await tx.select({ status: userImports.status }).from(userImports).where(eq(userImports.id, importId)).for('update');
    if (current?.status !== 'parsing') return false;
    await tx.delete(userImportRows).where(eq(userImportRows.importId, importId));
    await tx.delete(userImportChunks).where(eq(userImportChunks.importId, importId));
    await tx
      .update(userImports)
      .set({ status: 'failed', rowCount: 0, errorKey: message.key, errorParams: message.params, updatedAt: new Date() })
      .where(eq(userImports.id, importId));
    return true;
  });
  if (refused && started.notificationId) {
    await finishProgress(started.notificationId, { status: 'error', titleKey: 'import.progress.failed', params: { file: started.fileName } });
  }
}
