import 'server-only';
import { canSendWelcome } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { UserRef } from './schemas';
import { getUserInScope } from './scope';
import { sendWelcomeMail } from './send-welcome';

/**
 * AUTH-3 "Resend welcome e-mail": a fresh single-use link for a user who has not registered yet
 * (earlier links stop working). Needs Add or Edit on Users (seed 2.14.3).
 */
export async function resendWelcome({ ctx, input }: Command<unknown>): Promise<void> {
  const parsed = UserRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canSendWelcome(ctx.actor)) throw new ForbiddenError();
  await withTransaction(ctx, async (tx) => {
    const { user, account } = await getUserInScope(tx, ctx.actor, parsed.data, true);
    if (user.registeredAt || !(await sendWelcomeMail(tx, user.id))) throw new ConflictError('users.errors.alreadyRegistered');
    await recordEvent(tx, ctx, { action: 'Edit', asset: 'User', assetId: user.id, accountId: account.id, partnerOrgId: account.partnerOrgId, core: { change: 'welcomeMailSent' } });
  });
}
