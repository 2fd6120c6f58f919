import 'server-only';
import type { Ctx } from '@/lib/db/transaction';
import type { BulkAction } from './bulk-actions';
import { deleteUser, NOT_DELETABLE } from './delete-user';
import { resendWelcome } from './resend-welcome';
import { resetUserPassword } from './reset-user-password';

export interface BulkProcessor {
  /** Applies the action to one user through the same command the single-user page uses. */
  run: (ctx: Ctx, ref: { accountId: string; userId: string }) => Promise<unknown>;
  /** Error keys that mean "does not apply to this user": counted as skipped, not as failed. */
  skipWhen: readonly string[];
}

/** What the users-bulk job runs for each action of the Manage panel (see bulk-actions.ts). */
export const BULK_PROCESSORS: Record<BulkAction, BulkProcessor> = {
  resetPasswords: {
    run: (ctx, ref) => resetUserPassword({ ctx, input: ref }),
    skipWhen: ['users.errors.notRegistered', 'users.errors.accountInactive'],
  },
  sendWelcome: {
    run: (ctx, ref) => resendWelcome({ ctx, input: ref }),
    skipWhen: ['users.errors.alreadyRegistered'],
  },
  deleteUsers: {
    run: (ctx, ref) => deleteUser({ ctx, input: ref }),
    skipWhen: NOT_DELETABLE,
  },
};
