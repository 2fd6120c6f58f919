'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db/client';
import { createAccount } from '@/lib/accounts/create-account';
import { deleteAccount } from '@/lib/accounts/delete-account';
import { setAccountStatus } from '@/lib/accounts/set-account-status';
import { setSupportContacts } from '@/lib/accounts/set-support-contacts';
import { searchPartnerUsers } from '@/lib/accounts/support-contacts';
import { updateAccount } from '@/lib/accounts/update-account';
import { runAsUser } from '@/lib/actions/run-action';

// Thin on purpose: every command parses its own input, checks permission and scope, and audits.
// Inputs are typed for the forms' convenience only; the server trusts none of it.

export async function createAccountAction(input: unknown) {
  return runAsUser(async (ctx) => {
    const created = await createAccount({ ctx, input });
    revalidatePath('/accounts', 'layout');
    return created;
  });
}

export async function updateAccountAction(input: unknown) {
  return runAsUser(async (ctx) => {
    await updateAccount({ ctx, input });
    revalidatePath('/accounts', 'layout');
    return null;
  });
}

export async function setSupportContactsAction(input: unknown) {
  return runAsUser(async (ctx) => {
    const result = await setSupportContacts({ ctx, input });
    revalidatePath('/accounts', 'layout');
    return result;
  });
}

export async function setAccountStatusAction(input: unknown) {
  return runAsUser(async (ctx) => {
    await setAccountStatus({ ctx, input });
    revalidatePath('/accounts', 'layout');
    return null;
  });
}

export async function deleteAccountAction(input: unknown) {
  return runAsUser(async (ctx) => {
    await deleteAccount({ ctx, input });
    revalidatePath('/', 'layout');
    return null;
  });
}

export async function searchPartnerUsersAction(query: unknown) {
  return runAsUser((ctx) => searchPartnerUsers(db(), ctx.actor, typeof query === 'string' ? query : ''));
}
