import 'server-only';
import { eq } from 'drizzle-orm';
import { userImports } from '@/db/schema';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, validationFromZod } from '@/lib/errors';
import { finishProgress } from '@/lib/jobs/progress';
import { ImportRef } from './schemas';
import { getImportInScope } from './scope';

/**
 * IMP-4 "Cancel": drops the import, its stored file and its preview rows; no user is created and
 * nothing else is written. A parse job still running finds the import gone and stops. Users an
 * earlier Upload of this import created stay (they exist, with their audit events); only while
 * an Upload is running is Cancel refused.
 */
export async function cancelImport({ ctx, input }: Command<unknown>): Promise<void> {
  const parsed = ImportRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const notificationId = await withTransaction(ctx, async (tx) => {
    const found = await getImportInScope(tx, ctx.actor, parsed.data, true);
    if (found.status === 'committing') throw new ConflictError('import.errors.busy');
    await tx.delete(userImports).where(eq(userImports.id, found.id));
    return found.status === 'parsing' ? found.notificationId : null;
  });
  if (notificationId) await finishProgress(notificationId, { status: 'error', titleKey: 'import.progress.cancelled' });
}
