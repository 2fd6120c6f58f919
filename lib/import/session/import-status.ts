import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userImports } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { importCounts, type ImportCounts } from './list-import-rows';
import { getImportInScope } from './scope';

export interface ImportStatus {
  status: 'uploading' | 'parsing' | 'ready' | 'committing' | 'done' | 'failed';
  fileName: string;
  /** 0-100 of the running phase: bytes read while parsing, rows done while creating users. */
  progress: number;
  rowCount: number;
  createdCount: number;
  counts: ImportCounts;
  /** Why the file was refused (status failed). */
  error: { key: string; params: Record<string, string | number> } | null;
}

/** What the import page polls while a job runs (real progress, Beyond SHELL-4). */
export async function getImportStatus(q: DbOrTx, actor: Actor, ref: { accountId: string; importId: string }): Promise<ImportStatus> {
  const found = await getImportInScope(q, actor, ref);
  const progress =
    found.status === 'parsing'
      ? found.fileBytes === 0 ? 0 : Math.min(99, Math.floor((found.bytesRead / found.fileBytes) * 100))
      : found.status === 'committing'
        ? found.commitTotal === 0 ? 0 : Math.min(99, Math.floor((found.commitDone / found.commitTotal) * 100))
        : 100;
  return {
    status: found.status,
    fileName: found.fileName,
    progress,
    rowCount: found.rowCount,
    createdCount: found.createdCount,
    counts: found.status === 'parsing' ? { open: found.rowCount, errors: 0 } : await importCounts(q, found.id),
    error: found.errorKey ? { key: found.errorKey, params: found.errorParams ?? {} } : null,
  };
}

/** The caller's latest unfinished import of an account (the upload page offers to continue it). */
export async function findOpenImport(q: DbOrTx, actor: Actor, accountId: string): Promise<{ id: string; fileName: string; status: ImportStatus['status']; createdAt: Date } | null> {
  authorize(actor, 'users', 'add');
  if (!actor.userId) return null;
  const account = await getAccountInScope(q, actor, accountId);
  const [found] = await q
    .select({ id: userImports.id, fileName: userImports.fileName, status: userImports.status, createdAt: userImports.createdAt })
    .from(userImports)
    .where(and(eq(userImports.accountId, account.id), eq(userImports.createdBy, actor.userId), inArray(userImports.status, ['parsing', 'ready', 'committing'])))
    .orderBy(desc(userImports.createdAt))
    .limit(1);
  return found ?? null;
}
