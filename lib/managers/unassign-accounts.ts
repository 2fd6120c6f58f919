import 'server-only';
import type { Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { requestManagersJob, type ManagersJobStarted } from './request-managers-job';
import { AssignmentInput } from './schemas';
import { assertCanManage } from './scope';

/** MGR-3: removes the selected accounts from every selected account manager that has them. */
export async function unassignAccounts({ ctx, input }: Command<unknown>): Promise<ManagersJobStarted> {
  const parsed = AssignmentInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { actor } = ctx;
  assertCanManage(actor);
  return requestManagersJob(ctx, actor, 'unassign', parsed.data);
}
