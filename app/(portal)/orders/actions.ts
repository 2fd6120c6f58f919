'use server';

import { revalidatePath } from 'next/cache';
import { db } from '@/db/client';
import { searchAccountsInScope } from '@/lib/accounts/list-accounts';
import { runAsUser } from '@/lib/actions/run-action';
import { authorize } from '@/lib/authz';
import { assignOrder } from '@/lib/orders/assign-order';

// Thin on purpose: the command parses its input, checks permission and scope, and audits.

export async function assignOrderAction(input: unknown) {
  return runAsUser(async (ctx) => {
    const result = await assignOrder({ ctx, input });
    revalidatePath('/orders');
    revalidatePath(`/accounts/${result.accountId}`, 'layout');
    return result;
  });
}

/** ORD-3: the accounts the Assign dialog's company field offers, in the actor's scope. */
export async function searchOrderAccountsAction(query: unknown) {
  return runAsUser(async (ctx) => {
    authorize(ctx.actor, 'orders', 'view');
    return searchAccountsInScope(db(), ctx.actor, typeof query === 'string' ? query : '');
  });
}
