import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { userImportChunks, userImportRows, userImports, users, type UserImport } from '@/db/schema';
import { loadActorForJob } from '@/lib/auth/load-actor';
import { can } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { recordEvents } from '@/lib/events/record-event';
import { checkRow } from '@/lib/import/validate-row';
import { finishProgress, reportProgress } from '@/lib/jobs/progress';
import { auditView, baseRoleIdOf } from '@/lib/users/scope';
import { importCounts } from './list-import-rows';
import { rawRowOf } from './rows';
import { mayImportInto } from './scope';
import { refreshUniqueness } from './uniqueness';

/** Users per transaction: a batch's users, their audit events and the progress commit together. */
export const COMMIT_BATCH = 500;

async function loadCommitting(importId: string): Promise<UserImport | null> {
  const [found] = await db().select().from(userImports).where(eq(userImports.id, importId)).limit(1);
  return found && found.status === 'committing' ? found : null;
}

/**
 * The commit job (IMP-4). Creates the valid open rows as users of the account, in row order and
 * in batches; each batch is one transaction holding the users, their audit events, the rows'
 * link to their user and the progress, so a retry after a restart continues with the rows not
 * yet created and nobody is created twice. An e-mail that became taken since the preview (the
 * unique index decides, also against a concurrent import) turns the row into an "in use" error
 * instead. The actor is rebuilt from the uploader, so a lost permission stops the job.
 */
export async function commitImport(importId: string): Promise<void> {
  const started = await loadCommitting(importId);
  if (!started) return;
  const actor = await loadActorForJob(db(), started.createdBy);
  if (!actor || !(await mayImportInto(db(), actor, started.accountId))) return stop(started, 'import.progress.stopped');
  const mayAssign = can(actor, 'roles', 'assign');

  for (;;) {
    const more = await db().transaction(async (tx) => {
      const [current] = await tx.select().from(userImports).where(eq(userImports.id, importId)).for('update');
      if (current?.status !== 'committing') return false;
      const rows = await tx
        .select()
        .from(userImportRows)
        .where(and(eq(userImportRows.importId, importId), isNull(userImportRows.createdUserId), eq(userImportRows.hasError, false)))
        .orderBy(asc(userImportRows.rowNumber))
        .limit(COMMIT_BATCH);
      if (rows.length === 0) return false;
      const created = await createBatch(tx, actor, current, rows, mayAssign);
      const done = current.commitDone + rows.length;
      await tx
        .update(userImports)
        .set({ commitDone: done, createdCount: current.createdCount + created, updatedAt: new Date() })
        .where(eq(userImports.id, importId));
      if (current.notificationId) await reportProgress(current.notificationId, done, Math.max(current.commitTotal, done), { q: tx });
      return true;
    });
    if (!more) break;
  }
  await finish(importId);
}

type Row = typeof userImportRows.$inferSelect;

/** Inserts one batch; returns how many users it created. */
async function createBatch(tx: Tx, actor: Actor, found: UserImport, rows: Row[], mayAssign: boolean): Promise<number> {
  const roleIds = { user: await baseRoleIdOf(tx, 'user'), admin: await baseRoleIdOf(tx, 'admin') };
  const candidates = rows.map((row) => ({ row, values: checkRow(rawRowOf(row)).values }));
  // A role the uploader may no longer assign: the row stays, with its role flagged.
  const refused = mayAssign ? [] : candidates.filter((c) => c.values.role === 'admin');
  const wanted = candidates.filter((c) => mayAssign || c.values.role !== 'admin');
  const inserted = wanted.length
    ? await tx
        .insert(users)
        .values(
          wanted.map(({ values }) => ({
            partnerOrgId: found.partnerOrgId,
            accountId: found.accountId,
            email: values.email,
            firstName: values.firstName || null,
            lastName: values.lastName || null,
            displayName: values.name,
            roleId: roleIds[values.role],
            source: 'portal' as const,
            updatedBy: actor.name,
          })),
        )
        .onConflictDoNothing()
        .returning()
    : [];
  const byEmail = new Map(inserted.map((user) => [user.email.toLowerCase(), user]));
  const links = wanted.flatMap(({ row, values }) => {
    const user = byEmail.get(values.email.toLowerCase());
    return user ? [{ rowNumber: row.rowNumber, userId: user.id, role: values.role, user }] : [];
  });
  if (links.length) {
    const list = sql.join(links.map((link) => sql`(${link.rowNumber}::int, ${link.userId}::uuid)`), sql`, `);
    await tx.execute(sql`
      update user_import_rows r set created_user_id = v.user_id
        from (values ${list}) as v(row_number, user_id)
       where r.import_id = ${found.id} and r.row_number = v.row_number`);
    await recordEvents(
      tx,
      { actor, tx },
      links.map((link) => ({
        action: 'Create' as const,
        asset: 'User' as const,
        assetId: link.userId,
        accountId: found.accountId,
        partnerOrgId: found.partnerOrgId,
        after: auditView(link.user, link.role),
        core: { importId: found.id, file: found.fileName, row: link.rowNumber },
        tags: ['import'],
      })),
    );
  }
  // Rows that repeated a created row's e-mail, and rows whose e-mail was taken meanwhile (the
  // insert skipped them), now have "in use" instead of their old state.
  await refreshUniqueness(tx, found.id, rows.flatMap((row) => (row.emailKey ? [row.emailKey] : [])));
  for (const { row } of refused) {
    await tx
      .update(userImportRows)
      .set({ errors: { ...(row.errors ?? {}), role: [{ key: 'import.errors.cannotAssignAdmin' }] } })
      .where(and(eq(userImportRows.importId, found.id), eq(userImportRows.rowNumber, row.rowNumber)));
  }
  return links.length;
}

async function finish(importId: string): Promise<void> {
  const outcome = await db().transaction(async (tx) => {
    const [current] = await tx.select().from(userImports).where(eq(userImports.id, importId)).for('update');
    if (current?.status !== 'committing') return null;
    const counts = await importCounts(tx, importId);
    const status = counts.open === 0 ? 'done' : 'ready';
    await tx.update(userImports).set({ status, updatedAt: new Date() }).where(eq(userImports.id, importId));
    if (status === 'done') await tx.delete(userImportChunks).where(eq(userImportChunks.importId, importId));
    return { current, counts };
  });
  if (outcome?.current.notificationId) {
    await finishProgress(outcome.current.notificationId, {
      status: 'success',
      titleKey: 'import.progress.created',
      params: { file: outcome.current.fileName, count: outcome.current.createdCount, errors: outcome.counts.errors },
    });
  }
}

/** Ends a commit that may not go on: the preview stays as it was, ready for another try. */
async function stop(started: UserImport, titleKey: string): Promise<void> {
  await db().update(userImports).set({ status: 'ready', updatedAt: new Date() }).where(and(eq(userImports.id, started.id), eq(userImports.status, 'committing')));
  if (started.notificationId) await finishProgress(started.notificationId, { status: 'error', titleKey, params: { file: started.fileName } });
}
