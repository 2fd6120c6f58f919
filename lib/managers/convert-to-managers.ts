import 'server-only';
import type { Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { requestManagersJob, type ManagersJobStarted } from './request-managers-job';
import { ManagersInput } from './schemas';
import { assertCanManage } from './scope';

/**
 * MGR-2: converts the selected partner admins to account managers. They then reach no account
 * until accounts are assigned to them (MGR-5); the job does the work with real progress.
 */
export async function convertToManagers({ ctx, input }: Command<unknown>): Promise<ManagersJobStarted> {
  const parsed = ManagersInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { actor } = ctx;
  assertCanManage(actor);
  return requestManagersJob(ctx, actor, 'convert', parsed.data);
}
