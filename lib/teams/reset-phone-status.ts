import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pbxUsers, users } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, NotFoundError, validationFromZod } from '@/lib/errors';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { markPresenceDue } from './mark-presence-due';

const Input = z.object({ accountId: z.string().max(100), email: z.email('errors.invalidEmail').max(254) });

/**
 * TEAMS-5 "Reset phone status": a phone stuck "in a call" (a lost idle event) is set back to idle
 * and the user's Teams session written again. The next real line-state event from the gateway
 * wins over the reset, as any newer state does.
 */
export async function resetPhoneStatus({ ctx, input }: Command<unknown>) {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.accountId, account.id), sql`lower(${users.email}) = lower(${parsed.data.email})`));
    if (!user) throw new NotFoundError('teams.userConfig.noUser');
    const linked = await tx.select({ pbxUserId: pbxUsers.pbxUserId }).from(pbxUsers).where(and(eq(pbxUsers.accountId, account.id), eq(pbxUsers.userId, user.id)));
    if (!linked.length) throw new NotFoundError('teams.userConfig.noPbxUser');
    const ids = linked.map((l) => l.pbxUserId);
    await tx.execute(sql`
      update pbx_user_states set line_state = 'idle', line_at = now()
       where account_id = ${account.id}::uuid and pbx_user_id in ${sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`}`);
    await markPresenceDue(tx, account.id, ids);
    await recordIntegrationEdit(tx, ctx, account, 'teams', { before: {}, after: { phoneStatusReset: parsed.data.email } });
    return { reset: ids.length };
  });
}
