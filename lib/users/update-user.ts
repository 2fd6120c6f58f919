import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { authorize, can } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, ValidationError, validationFromZod, type FieldErrors } from '@/lib/errors';
import { changedProperties, recordEvent } from '@/lib/events/record-event';
import { UpdateUserInput } from './schemas';
import { auditView, baseRoleIdOf, getUserInScope } from './scope';
import { isSourceOwned } from './source';
import { assertAttributesFree, conflictFromUniqueViolation } from './unique';

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * USR-3: edits names, e-mail, mobile number and role. Fields owned by an external source (USR-4)
 * are refused when they change; a role change needs Roles "Assign", and nobody changes their own
 * role (an admin could otherwise lock itself out of its account).
 */
export async function updateUser({ ctx, input }: Command<unknown>): Promise<{ id: string; changed: string[] }> {
  const parsed = UpdateUserInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const v = parsed.data;
  authorize(ctx.actor, 'users', 'edit');
  try {
    return await withTransaction(ctx, async (tx) => {
      const { user, role, account } = await getUserInScope(tx, ctx.actor, v, true);
      const next = { displayName: v.displayName, firstName: v.firstName, lastName: v.lastName, email: sameEmail(v.email, user.email) ? user.email : v.email, mobile: v.mobile };

      const refused: FieldErrors = {};
      for (const field of ['displayName', 'firstName', 'lastName', 'email'] as const) {
        if ((user[field] ?? '') !== next[field] && isSourceOwned(user.source, field)) refused[field] = ['users.errors.sourceOwned'];
      }
      const currentRole = role.key === 'admin' || role.key === 'user' ? role.key : null;
      const newRole = v.role !== undefined && v.role !== currentRole ? v.role : null;
      const roleChanges = newRole !== null;
      if (roleChanges && user.id === ctx.actor.userId) refused.role = ['users.errors.ownRole'];
      if (Object.keys(refused).length) throw new ValidationError(refused);
      if (roleChanges && !can(ctx.actor, 'roles', 'assign')) throw new ForbiddenError();

      await assertAttributesFree(tx, {
        accountId: account.id,
        exceptUserId: user.id,
        email: next.email !== user.email ? next.email : undefined,
        mobile: next.mobile !== user.mobile ? next.mobile : null,
      });
      const before = auditView(user, role.key ?? role.name);
      const changed = changedProperties(before, { ...before, ...next, role: newRole ?? before.role });
      if (changed.length === 0) return { id: user.id, changed };

      const [updated] = await tx
        .update(users)
        .set({ ...next, ...(newRole ? { roleId: await baseRoleIdOf(tx, newRole) } : {}), updatedAt: new Date(), updatedBy: ctx.actor.name })
        .where(eq(users.id, user.id))
        .returning();
      await recordEvent(tx, ctx, {
        action: 'Edit',
        asset: 'User',
        assetId: user.id,
        accountId: account.id,
        partnerOrgId: account.partnerOrgId,
        before,
        after: auditView(updated!, newRole ?? before.role),
      });
      return { id: user.id, changed };
    });
  } catch (e) {
    throw conflictFromUniqueViolation(e) ?? e;
  }
}
