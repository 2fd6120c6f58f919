import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { userImportChunks, userImports } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ValidationError, validationFromZod } from '@/lib/errors';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from '@/lib/import/limits';
import { EncodingDetector } from '@/lib/import/read/encoding';
import { CsvRowCounter } from '@/lib/import/read/row-counter';
import { enqueue } from '@/lib/jobs/boss';
import { startProgress } from '@/lib/jobs/progress';
import { tooLarge, tooManyRows } from './file-error';

/** Stored piece of an upload: big enough for few rows, small enough to stream. */
export const CHUNK_BYTES = 1024 * 1024;

export const StartImportInput = z.object({
  accountId: z.string().trim().max(64),
  fileName: z.string().trim().min(1, { message: 'import.upload.noFile' }).max(255),
  /** What the browser declares (absent for a chunked upload); the stream is counted too, a lying size gains nothing. */
  sizeBytes: z.number().int().min(0).optional(),
});

/**
 * IMP-2 upload: stores the file (streamed, in CHUNK_BYTES pieces, never whole in memory), decides
 * a CSV's text encoding on the way, and starts the parse job. The import exists from the first byte, so a broken upload is deleted
 * again, and only a complete file gets a job: the status flips to 'parsing' in the transaction
 * that enqueues it, with the progress notification. Refused before storing anything: no Users
 * "Add", an account out of scope, an empty or oversized file.
 */
export async function startImport({ ctx, input, body }: Command<unknown> & { body: AsyncIterable<Uint8Array> }): Promise<{ importId: string }> {
  const parsed = StartImportInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { accountId, fileName, sizeBytes } = parsed.data;
  authorize(ctx.actor, 'users', 'add');
  const userId = ctx.actor.userId;
  if (!userId) throw new ValidationError({}, 'errors.forbidden');
  if (sizeBytes !== undefined && sizeBytes > MAX_FILE_BYTES) throw tooLarge();
  if (sizeBytes === 0) throw new ValidationError({ file: ['import.file.empty'] }, 'import.file.empty');

  const account = await getAccountInScope(db(), ctx.actor, accountId);
  const [created] = await db()
    .insert(userImports)
    .values({ partnerOrgId: account.partnerOrgId, accountId: account.id, createdBy: userId, fileName, fileBytes: sizeBytes ?? 0 })
    .returning({ id: userImports.id });
  const importId = created!.id;

  try {
    const detector = new EncodingDetector();
    const total = await storeChunks(importId, body, detector, new CsvRowCounter());
    if (total === 0) throw new ValidationError({ file: ['import.file.empty'] }, 'import.file.empty');
    await withTransaction(ctx, async (tx) => {
      const notificationId = await startProgress({ userId, accountId: account.id, titleKey: 'import.progress.reading', params: { file: fileName } }, tx);
      await tx
        .update(userImports)
        .set({ status: 'parsing', fileBytes: total, encoding: detector.result(), notificationId, updatedAt: new Date() })
        .where(eq(userImports.id, importId));
      await enqueue(tx, 'user-import', { importId, phase: 'parse' });
    });
    return { importId };
  } catch (e) {
    await db().delete(userImports).where(eq(userImports.id, importId));
    throw e;
  }
}

/**
 * Writes the body in CHUNK_BYTES pieces; past MAX_FILE_BYTES it stops with 'tooLarge', past
 * MAX_DATA_ROWS data rows of a CSV with 'tooManyRows'. The bytes pass the encoding detector on
 * the way: whether a CSV is UTF-8 depends on all of them.
 */
async function storeChunks(importId: string, body: AsyncIterable<Uint8Array>, detector: EncodingDetector, rows: CsvRowCounter): Promise<number> {
  const tooMany = () => rows.records > MAX_DATA_ROWS + 1; // + the header row
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let seq = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await db().insert(userImportChunks).values({ importId, seq: seq++, data });
  };
  for await (const part of body) {
    total += part.byteLength;
    if (total > MAX_FILE_BYTES) throw tooLarge();
    detector.write(part);
    rows.write(part);
    if (tooMany()) throw tooManyRows();
    pending.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
    pendingBytes += part.byteLength;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  rows.end();
  if (tooMany()) throw tooManyRows();
  await flush();
  return total;
}
