'use server';

import { db } from '@/db/client';
import { runAsUser } from '@/lib/actions/run-action';
import { cancelImport } from '@/lib/import/session/cancel-import';
import { addImportRow, deleteImportRow, editImportRow } from '@/lib/import/session/edit-rows';
import { getImportStatus } from '@/lib/import/session/import-status';
import { requestImportCommit } from '@/lib/import/session/request-commit';
import { requestBulkUsers } from '@/lib/users/request-bulk-users';

// The ids come from the page's URL; the commands check them (account in scope, the caller's import).
const ref = (accountId: string, importId: string) => ({ accountId, importId });

export async function importStatusAction(accountId: string, importId: string) {
  return runAsUser((ctx) => getImportStatus(db(), ctx.actor, ref(accountId, importId)));
}

export async function editImportRowAction(accountId: string, importId: string, rowNumber: number, cells: Record<string, string>) {
  return runAsUser((ctx) => editImportRow({ ctx, input: { ...ref(accountId, importId), rowNumber, cells } }));
}

export async function deleteImportRowAction(accountId: string, importId: string, rowNumber: number) {
  return runAsUser(async (ctx) => {
    await deleteImportRow({ ctx, input: { ...ref(accountId, importId), rowNumber } });
    return null;
  });
}

export async function addImportRowAction(accountId: string, importId: string) {
  return runAsUser((ctx) => addImportRow({ ctx, input: ref(accountId, importId) }));
}

export async function commitImportAction(accountId: string, importId: string) {
  return runAsUser((ctx) => requestImportCommit({ ctx, input: ref(accountId, importId) }));
}

export async function cancelImportAction(accountId: string, importId: string) {
  return runAsUser(async (ctx) => {
    await cancelImport({ ctx, input: ref(accountId, importId) });
    return null;
  });
}

/** IMP-5: welcome mails to the users this import created (the USR-5 bulk job, with its progress). */
export async function sendImportWelcomeAction(accountId: string, importId: string) {
  return runAsUser((ctx) => requestBulkUsers({ ctx, input: { accountId, action: 'sendWelcome', userIds: null, importId } }));
}
