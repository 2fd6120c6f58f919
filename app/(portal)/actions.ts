'use server';

import { db } from '@/db/client';
import { searchAccountsInScope } from '@/lib/accounts/list-accounts';
import { runAsUser } from '@/lib/actions/run-action';
import { changeOwnPassword, signOutEverywhere } from '@/lib/auth/change-own-password';
import { deleteMyNotification } from '@/lib/notifications/notifications';

export async function deleteNotificationAction(id: string) {
  return runAsUser((ctx) => deleteMyNotification(ctx, id));
}

export async function searchAccountsAction(query: string) {
  return runAsUser((ctx) => searchAccountsInScope(db(), ctx.actor, query));
}

export async function changePasswordAction(input: { current: string; password: string; confirm: string }) {
  return runAsUser(async (ctx) => {
    await changeOwnPassword(ctx, input);
    return null;
  });
}

export async function signOutEverywhereAction() {
  return runAsUser((ctx) => signOutEverywhere(ctx));
}
