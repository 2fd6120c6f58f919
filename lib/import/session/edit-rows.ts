import 'server-only';
import { and, eq, isNull, max } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userImportRows, userImports, type UserImport } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, NotFoundError, validationFromZod } from '@/lib/errors';
import { checkRow, hasNoErrors, type RowErrors } from '@/lib/import/validate-row';
import { encodeCursor } from '@/lib/tables/search-params';
import { rawRowOf, rowProblems, type ImportCells } from './rows';
import { EditImportRowInput, ImportRef, ImportRowRef } from './schemas';
import { getImportInScope } from './scope';
import { refreshUniqueness } from './uniqueness';

/** The import, locked, when its preview may change: not while parsing or uploading it. */
async function editableImport(tx: Tx, actor: Actor, ref: { accountId: string; importId: string }): Promise<UserImport> {
  const found = await getImportInScope(tx, actor, ref, true);
  if (found.status !== 'ready') throw new ConflictError('import.errors.notEditable');
  return found;
}

async function touch(tx: Tx, importId: string): Promise<void> {
  await tx.update(userImports).set({ updatedAt: new Date() }).where(eq(userImports.id, importId));
}

const openRow = (importId: string, rowNumber: number) =>
  and(eq(userImportRows.importId, importId), eq(userImportRows.rowNumber, rowNumber), isNull(userImportRows.createdUserId));

/**
 * IMP-3: replaces the cells of one preview row and re-validates it, and the rows that shared its
 * old or new e-mail (a fixed first occurrence clears the later rows' "duplicate" errors). Returns
 * the row's problems as they now stand. The preview is a draft: no audit event until users exist.
 */
export async function editImportRow({ ctx, input }: Command<unknown>): Promise<{ problems: RowErrors }> {
  const parsed = EditImportRowInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { rowNumber, cells } = parsed.data;
  return withTransaction(ctx, async (tx) => {
    const found = await editableImport(tx, ctx.actor, parsed.data);
    const [before] = await tx.select({ emailKey: userImportRows.emailKey }).from(userImportRows).where(openRow(found.id, rowNumber)).for('update');
    if (!before) throw new NotFoundError();
    const checked = checkRow(rawRowOf(cells));
    await tx
      .update(userImportRows)
      .set({ ...cells, emailKey: checked.emailKey, roleKey: checked.errors.role ? null : checked.values.role, errors: hasNoErrors(checked.errors) ? null : checked.errors, duplicateOf: null, inUse: false })
      .where(openRow(found.id, rowNumber));
    const keys = [before.emailKey, checked.emailKey].filter((key): key is string => key !== null);
    await refreshUniqueness(tx, found.id, keys);
    await touch(tx, found.id);
    const [after] = await tx.select().from(userImportRows).where(openRow(found.id, rowNumber));
    return { problems: rowProblems({ errors: after!.errors, duplicateOf: after!.duplicateOf, inUse: after!.inUse }) };
  });
}

/** IMP-3 "delete a row": it leaves the preview; a later row with its e-mail is no longer a duplicate. */
export async function deleteImportRow({ ctx, input }: Command<unknown>): Promise<void> {
  const parsed = ImportRowRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  await withTransaction(ctx, async (tx) => {
    const found = await editableImport(tx, ctx.actor, parsed.data);
    const [deleted] = await tx.delete(userImportRows).where(openRow(found.id, parsed.data.rowNumber)).returning({ emailKey: userImportRows.emailKey });
    if (!deleted) throw new NotFoundError();
    await refreshUniqueness(tx, found.id, deleted.emailKey ? [deleted.emailKey] : []);
    await tx.update(userImports).set({ rowCount: Math.max(0, found.rowCount - 1), updatedAt: new Date() }).where(eq(userImports.id, found.id));
  });
}

/** IMP-3 "add a row": an empty row after the last one, to be filled in (it starts with its errors). */
export async function addImportRow({ ctx, input }: Command<unknown>): Promise<{ rowNumber: number; cells: ImportCells; problems: RowErrors; cursor: string }> {
  const parsed = ImportRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  return withTransaction(ctx, async (tx) => {
    const found = await editableImport(tx, ctx.actor, parsed.data);
    const [last] = await tx.select({ n: max(userImportRows.rowNumber) }).from(userImportRows).where(eq(userImportRows.importId, found.id));
    const rowNumber = (last?.n ?? 1) + 1;
    const cells: ImportCells = { firstName: '', lastName: '', name: '', email: '', role: '' };
    const checked = checkRow(rawRowOf(cells));
    await tx.insert(userImportRows).values({ importId: found.id, rowNumber, ...cells, roleKey: checked.values.role, errors: checked.errors });
    await tx.update(userImports).set({ rowCount: found.rowCount + 1, updatedAt: new Date() }).where(eq(userImports.id, found.id));
    // The preview page that starts with the new row (it is the last one).
    return { rowNumber, cells, problems: checked.errors, cursor: encodeCursor([rowNumber - 1]) };
  });
}
