'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db/client';
import { runAsUser } from '@/lib/actions/run-action';
import { assignAccounts } from '@/lib/managers/assign-accounts';
import { convertToManagers } from '@/lib/managers/convert-to-managers';
import { getManagersJobStatus } from '@/lib/managers/job-status';
import { unassignAccounts } from '@/lib/managers/unassign-accounts';
import { upgradeToAdmins } from '@/lib/managers/upgrade-to-admins';
import { setPartnerUserRole } from '@/lib/roles/set-partner-user-role';

// The ids come from the page's selection; the commands check each one (MGR-1..4).

export async function convertToManagersAction(managerIds: string[]) {
  return runAsUser((ctx) => convertToManagers({ ctx, input: { managerIds } }));
}

export async function upgradeToAdminsAction(managerIds: string[]) {
  return runAsUser((ctx) => upgradeToAdmins({ ctx, input: { managerIds } }));
}

export async function assignAccountsAction(managerIds: string[], accountIds: string[]) {
  return runAsUser((ctx) => assignAccounts({ ctx, input: { managerIds, accountIds } }));
}

export async function unassignAccountsAction(managerIds: string[], accountIds: string[]) {
  return runAsUser((ctx) => unassignAccounts({ ctx, input: { managerIds, accountIds } }));
}

export async function managersJobStatusAction(notificationId: string) {
  return runAsUser((ctx) => getManagersJobStatus(db(), ctx.actor, notificationId));
}

export async function setPartnerUserRoleAction(userId: string, roleId: string) {
  const result = await runAsUser((ctx) => setPartnerUserRole({ ctx, input: { userId, roleId } }));
  if (result.ok) {
    revalidatePath('/account-managers');
    // The roles list counts each role's holders.
    revalidatePath('/roles', 'layout');
  }
  return result;
}
