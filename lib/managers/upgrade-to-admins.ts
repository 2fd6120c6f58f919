import 'server-only';
import type { Command } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { requestManagersJob, type ManagersJobStarted } from './request-managers-job';
import { ManagersInput } from './schemas';
import { assertCanManage } from './scope';

/**
 * MGR-4: upgrades the selected account managers back to unrestricted admins; their assignments
 * are removed, so a later conversion starts without accounts again.
 */
export async function upgradeToAdmins({ ctx, input }: Command<unknown>): Promise<ManagersJobStarted> {
  const parsed = ManagersInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { actor } = ctx;
  assertCanManage(actor);
  return requestManagersJob(ctx, actor, 'upgrade', parsed.data);
}
