import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { roles, users } from '@/db/schema';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, NotFoundError, ValidationError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { isUuid } from '@/lib/ids';
import { assertCanManage, partnerAdminsOf } from '@/lib/managers/scope';
import { partnerRoleFor } from './partner-roles';

const id = z.string({ message: 'errors.invalid' }).trim().max(64, { message: 'errors.invalid' });
export const SetPartnerUserRoleInput = z.object({ userId: id, roleId: id });

/**
 * Gives a partner user (no customer account) of the organisation the fixed Partner role or one of
 * the organisation's Partner-based roles, from the Account managers page. Like the page, it takes
 * an unrestricted partner admin with Roles "Assign"; nobody changes their own role (they could
 * lock themselves out). The holder's next request is built with the new role (lib/auth/load-actor),
 * so the session stays.
 */
export async function setPartnerUserRole({ ctx, input }: Command<unknown>): Promise<{ id: string; changed: boolean }> {
  const parsed = SetPartnerUserRoleInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { actor } = ctx;
  assertCanManage(actor);
  const { userId, roleId } = parsed.data;
  if (!isUuid(userId)) throw new NotFoundError();
  if (userId.toLowerCase() === actor.userId.toLowerCase()) throw new ForbiddenError('managers.role.ownRole');

  return withTransaction(ctx, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, roleId: users.roleId, roleName: roles.name })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(and(eq(users.id, userId), partnerAdminsOf(actor)))
      .limit(1)
      .for('no key update', { of: users });
    if (!user) throw new NotFoundError();
    const role = await partnerRoleFor(tx, actor.partnerOrgId, roleId);
    if (!role) throw new ValidationError({ roleId: ['managers.role.errors.notPartnerRole'] });
    if (role.id === user.roleId) return { id: user.id, changed: false };

    await tx.update(users).set({ roleId: role.id, updatedAt: new Date(), updatedBy: actor.name }).where(eq(users.id, user.id));
    await recordEvent(tx, ctx, {
      action: 'Edit',
      asset: 'User',
      assetId: user.id,
      accountId: null,
      partnerOrgId: actor.partnerOrgId,
      before: { role: user.roleName },
      after: { role: role.name },
    });
    return { id: user.id, changed: true };
  });
}
