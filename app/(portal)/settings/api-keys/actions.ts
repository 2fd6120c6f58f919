'use server';

import { revalidatePath } from 'next/cache';
import { runAsUser } from '@/lib/actions/run-action';
import { createApiKey, revokeApiKey } from '@/lib/billing/api-keys';
import type { Ctx } from '@/lib/db/transaction';

// Thin on purpose: the commands parse their input, check that the user may manage the
// organisation's keys (canManageApiKeys), scope by partner organisation, and audit.

async function run<T>(fn: (ctx: Ctx) => Promise<T>) {
  const res = await runAsUser(fn);
  if (res.ok) revalidatePath('/settings/api-keys');
  return res;
}

/** ORD-1: a new key for the billing system; its value is in the result this once only. */
export async function createApiKeyAction(name: string) {
  return run((ctx) => createApiKey({ ctx, input: { name } }));
}

/** ORD-1: revokes a key of the organisation; the billing system gets 401 with it from then on. */
export async function revokeApiKeyAction(keyId: string) {
  return run((ctx) => revokeApiKey({ ctx, input: { keyId } }));
}
