import 'server-only';
import type { Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { requestManagersJob, type ManagersJobStarted } from './request-managers-job';
import { AssignmentInput } from './schemas';
import { assertCanManage } from './scope';

/**
 * MGR-3: assigns the selected accounts to every selected account manager (pairs that exist
 * already are skipped). Only accounts of the organisation that are not being deleted.
 */
export async function assignAccounts({ ctx, input }: Command<unknown>): Promise<ManagersJobStarted> {
  const parsed = AssignmentInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { actor } = ctx;
  assertCanManage(actor);
  return requestManagersJob(ctx, actor, 'assign', parsed.data);
}
