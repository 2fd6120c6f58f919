import 'server-only';
import { authorize } from '@/lib/authz';
import { sendPasswordResetMail } from '@/lib/auth/send-reset-mail';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { UserRef } from './schemas';
import { getUserInScope } from './scope';

/**
 * AUTH-4, admin-initiated: mails a password reset link to a user of the account. Only registered
 * users get it (an unregistered user has no password yet; they need the welcome mail), and not
 * while the account is deactivated.
 */
export async function resetUserPassword({ ctx, input }: Command<unknown>): Promise<void> {
  const parsed = UserRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'users', 'edit');
  await withTransaction(ctx, async (tx) => {
    const { user, account } = await getUserInScope(tx, ctx.actor, parsed.data, true);
    if (!user.registeredAt) throw new ConflictError('users.errors.notRegistered');
    if (account.status !== 'active') throw new ConflictError('users.errors.accountInactive');
    if (!(await sendPasswordResetMail(tx, user.id))) throw new ConflictError('users.errors.notRegistered');
    await recordEvent(tx, ctx, { action: 'Edit', asset: 'Password', assetId: user.id, accountId: account.id, partnerOrgId: account.partnerOrgId, core: { change: 'passwordResetRequested' } });
  });
}
