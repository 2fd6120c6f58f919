import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { teamsConnections } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/boss';

const Input = z.object({ accountId: z.string().max(100) });

/** TEAMS-2 "Match users again": after Azure or the account's users changed, without waiting for the hourly match. */
export async function requestTeamsMatch({ ctx, input }: Command<unknown>) {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const [conn] = await tx.select({ syncToTeams: teamsConnections.syncToTeams }).from(teamsConnections).where(eq(teamsConnections.accountId, account.id));
    if (!conn?.syncToTeams) throw new ConflictError('teams.errors.syncOff');
    await enqueue(tx, 'teams-match', { accountId: account.id }, { singletonKey: account.id });
    return { queued: true };
  });
}
