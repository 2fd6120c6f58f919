'use server';

import { db } from '@/db/client';
import { runAsUser } from '@/lib/actions/run-action';
import { addUserProduct } from '@/lib/licences/add-user-product';
import { licenceOverview } from '@/lib/licences/licence-overview';
import { requestLicences } from '@/lib/licences/request-licences';
import { getBulkStatus } from '@/lib/users/bulk-status';
import { createUser } from '@/lib/users/create-user';
import { deleteUser } from '@/lib/users/delete-user';
import { requestBulkUsers } from '@/lib/users/request-bulk-users';
import { resendWelcome } from '@/lib/users/resend-welcome';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { updateUser } from '@/lib/users/update-user';

type Values = Record<string, unknown>;
// The ids come from the page's URL; the commands check them (account in scope, user in account).
const ref = (accountId: string, userId: string) => ({ accountId, userId });

export async function createUserAction(accountId: string, values: Values) {
  return runAsUser((ctx) => createUser({ ctx, input: { ...values, accountId } }));
}

export async function updateUserAction(accountId: string, userId: string, values: Values) {
  return runAsUser((ctx) => updateUser({ ctx, input: { ...values, ...ref(accountId, userId) } }));
}

export async function deleteUserAction(accountId: string, userId: string) {
  return runAsUser((ctx) => deleteUser({ ctx, input: ref(accountId, userId) }));
}

export async function resendWelcomeAction(accountId: string, userId: string) {
  return runAsUser(async (ctx) => {
    await resendWelcome({ ctx, input: ref(accountId, userId) });
    return null;
  });
}

export async function resetUserPasswordAction(accountId: string, userId: string) {
  return runAsUser(async (ctx) => {
    await resetUserPassword({ ctx, input: ref(accountId, userId) });
    return null;
  });
}

export async function requestBulkAction(accountId: string, action: string, userIds: string[] | null) {
  return runAsUser((ctx) => requestBulkUsers({ ctx, input: { accountId, action, userIds } }));
}

export async function bulkStatusAction(notificationId: string) {
  return runAsUser((ctx) => getBulkStatus(db(), ctx.actor, notificationId));
}

/**
 * ORD-5 / M1-2 / MTM-1: change licences of one user (the user page) or many (Manage (x); `userIds`
 * null is every user of the account). `change` is checked by the command's schema. A large change
 * answers with a job to follow (its notification, polled through bulkStatusAction).
 */
export async function applyLicencesAction(accountId: string, userIds: string[] | null, change: Values) {
  return runAsUser((ctx) => requestLicences({ ctx, input: { accountId, userIds, change } }));
}

/** USR-7 "+ Add product". */
export async function addUserProductAction(accountId: string, userId: string, product: string) {
  return runAsUser((ctx) => addUserProduct({ ctx, input: { accountId, userId, product } }));
}

/** The licence figures the Manage panel shows for the selection (or every user). */
export async function licenceOverviewAction(accountId: string, userIds: string[] | null) {
  return runAsUser((ctx) => licenceOverview(db(), ctx.actor, { accountId, userIds }));
}
