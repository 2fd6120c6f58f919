import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { authTokens, users } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Tx } from '@/db/client';
import { withTransaction, type Command, type Ctx } from '@/lib/db/transaction';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { UserRef } from './schemas';
import { auditView, getUserInScope, type UserInScope } from './scope';

export type DeleteOutcome = 'deleted' | 'identityRemoved';

/** Why a user cannot be deleted; the bulk job reports these as skipped, not as failures. */
export const NOT_DELETABLE = ['users.errors.partnerNotDeletable', 'users.errors.cloudPbxNotDeletable', 'users.errors.ownAccount'] as const;

/**
 * USR-6: deletes a user of an account. A partner user and a user synchronised from a cloud PBX
 * (MiCloud Connect) cannot be deleted. For a PBX-synced or SCIM user only the CloudLink identity
 * goes: credentials, sessions and open links end, and the user stays listed, unregistered and
 * re-invitable by welcome mail, because the PBX or Azure AD still owns the person.
 */
export async function deleteUser({ ctx, input }: Command<unknown>): Promise<{ outcome: DeleteOutcome }> {
  const parsed = UserRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'users', 'delete');
  return withTransaction(ctx, async (tx) => {
    const { user, role, account } = await getUserInScope(tx, ctx.actor, parsed.data, true);
    if (role.baseRole === 'partner' || user.source === 'oidc') throw new ForbiddenError('users.errors.partnerNotDeletable');
    if (user.source === 'micloud') throw new ForbiddenError('users.errors.cloudPbxNotDeletable');
    if (user.id === ctx.actor.userId) throw new ForbiddenError('users.errors.ownAccount');
    return { outcome: await removeAccountUser(tx, ctx, { user, role, account }, user.source === 'pbx' || user.source === 'scim' ? 'identity' : 'record') };
  });
}

/**
 * The one way a user leaves an account (USR-6 from the form, SCIM-2 DELETE from the source):
 * `identity` removes only the CloudLink identity (credentials, sessions, open links; the user
 * stays listed), `record` deletes the user. Audited in the caller's transaction; the caller has
 * authorised and locked the user in scope.
 */
export async function removeAccountUser(tx: Tx, ctx: Ctx, scope: UserInScope, mode: 'identity' | 'record'): Promise<DeleteOutcome> {
  const { user, role, account } = scope;
  const event = { asset: 'User' as const, assetId: user.id, accountId: account.id, partnerOrgId: account.partnerOrgId, before: auditView(user, role.key ?? role.name) };
  if (mode === 'identity') {
    const [after] = await tx
      .update(users)
      .set({ passwordHash: null, registeredAt: null, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.name })
      .where(eq(users.id, user.id))
      .returning();
    await tx
      .update(authTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(authTokens.userId, user.id), isNull(authTokens.usedAt)));
    await recordEvent(tx, ctx, { ...event, action: 'Delete', core: { change: 'identityRemoved' }, after: auditView(after!, role.key ?? role.name) });
    return 'identityRemoved';
  }
  await tx.delete(users).where(eq(users.id, user.id));
  await recordEvent(tx, ctx, { ...event, action: 'Delete' });
  return 'deleted';
}
