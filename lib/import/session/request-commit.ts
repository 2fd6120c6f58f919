import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { userImportRows, userImports } from '@/db/schema';
import { can } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/boss';
import { startProgress } from '@/lib/jobs/progress';
import { importCounts } from './list-import-rows';
import { ImportRef } from './schemas';
import { getImportInScope } from './scope';

/**
 * IMP-4 "Upload": starts the job that creates the preview's valid rows as users. Rows with an
 * error stay in the preview. Making someone an Account Admin assigns a role, so valid admin rows
 * also need Roles "Assign". The status, the progress notification and the job change together.
 */
export async function requestImportCommit({ ctx, input }: Command<unknown>): Promise<{ total: number }> {
  const parsed = ImportRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  return withTransaction(ctx, async (tx) => {
    const found = await getImportInScope(tx, ctx.actor, parsed.data, true);
    if (found.status !== 'ready') throw new ConflictError('import.errors.notEditable');
    const counts = await importCounts(tx, found.id);
    const total = counts.open - counts.errors;
    if (total === 0) throw new ConflictError('import.errors.nothingToUpload');
    if (!can(ctx.actor, 'roles', 'assign')) {
      const [admin] = await tx
        .select({ rowNumber: userImportRows.rowNumber })
        .from(userImportRows)
        .where(and(eq(userImportRows.importId, found.id), isNull(userImportRows.createdUserId), eq(userImportRows.hasError, false), eq(userImportRows.roleKey, 'admin')))
        .limit(1);
      if (admin) throw new ForbiddenError('import.errors.cannotAssignAdmin');
    }
    const notificationId = await startProgress({ userId: found.createdBy, accountId: found.accountId, titleKey: 'import.progress.creating', params: { file: found.fileName, count: total } }, tx);
    await tx
      .update(userImports)
      .set({ status: 'committing', commitTotal: total, commitDone: 0, notificationId, updatedAt: new Date() })
      .where(eq(userImports.id, found.id));
    await enqueue(tx, 'user-import', { importId: found.id, phase: 'commit' });
    return { total };
  });
}
