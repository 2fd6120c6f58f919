import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { users, type User } from '@/db/schema';
import { authorize, can } from '@/lib/authz';
import { withTransaction, type Command, type Ctx } from '@/lib/db/transaction';
import { ForbiddenError, ValidationError, validationFromZod, type FieldErrors } from '@/lib/errors';
import { changedProperties, recordEvent } from '@/lib/events/record-event';
import { assignedRoleFor } from '@/lib/roles/roles-for-account';
import { isRoleChoice, UpdateUserInput } from './schemas';
import { auditView, baseRoleIdOf, getUserInScope, type UserInScope } from './scope';
import { isSourceOwned } from './source';
import { assertAttributesFree, conflictFromUniqueViolation } from './unique';

/**
 * The role a form value names: a base role, or a custom role that is Admin-based, of the account's
 * organisation and assigned to the account (ROLE-4); anything else is the role field's error.
 * `label` is what audit events show: a base role's key, a custom role's name.
 */
async function roleTarget(tx: Tx, account: { id: string; partnerOrgId: string }, value: string): Promise<{ id: string; label: string }> {
  if (isRoleChoice(value)) return { id: await baseRoleIdOf(tx, value), label: value };
  const custom = await assignedRoleFor(tx, account, value);
  if (!custom) throw new ValidationError({ role: ['users.errors.roleNotAssigned'] });
  return { id: custom.id, label: custom.name };
}

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * USR-3: edits names, e-mail, mobile number and role. Fields owned by an external source (USR-4)
 * are refused when they change; a role change needs Roles "Assign", and nobody changes their own
 * role (an admin could otherwise lock itself out of its account). The role is User, Account Admin
 * or a custom role assigned to the account (ROLE-4).
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
      // A base role by its key, a custom role by its id (ROLE-4); a partner role is never picked here.
      const currentRole = role.key === 'admin' || role.key === 'user' ? role.key : role.key === null && role.baseRole === 'admin' ? role.id : null;
      const newRole = v.role !== undefined && v.role !== currentRole ? v.role : null;
      const roleChanges = newRole !== null;
      if (roleChanges && user.id === ctx.actor.userId) refused.role = ['users.errors.ownRole'];
      if (Object.keys(refused).length) throw new ValidationError(refused);
      if (roleChanges && !can(ctx.actor, 'roles', 'assign')) throw new ForbiddenError();
      const target = newRole === null ? null : await roleTarget(tx, account, newRole);

      const changed = await changeAccountUser(tx, ctx, { user, role, account }, next, target);
      return { id: user.id, changed };
    });
  } catch (e) {
    throw conflictFromUniqueViolation(e) ?? e;
  }
}

export type UserChanges = Partial<Pick<User, 'displayName' | 'firstName' | 'lastName' | 'email' | 'mobile' | 'phone' | 'loginId' | 'externalId' | 'inactive' | 'source'>>;

/**
 * The one way a user's record changes, for the form (USR-3) and for SCIM (SCIM-2): the USR-8
 * uniqueness check of what changes, the update, and the audit event with the properties changed.
 * The caller has authorised, fetched and locked the user in scope, and decided which fields it may
 * change (the form refuses source-owned ones; SCIM is the source). Returns the changed properties.
 */
export async function changeAccountUser(tx: Tx, ctx: Ctx, scope: UserInScope, next: UserChanges, target: { id: string; label: string } | null = null): Promise<string[]> {
  const { user, role, account } = scope;
  const differs = <K extends keyof UserChanges>(k: K) => next[k] !== undefined && next[k] !== user[k];
  await assertAttributesFree(tx, {
    accountId: account.id,
    exceptUserId: user.id,
    email: differs('email') && !sameEmail(next.email!, user.email) ? next.email! : undefined,
    mobile: differs('mobile') ? next.mobile : null,
  });
  // Fields beyond the form's (SCIM's phone, userName, externalId, active) are audited when given.
  const extra = (['phone', 'loginId', 'externalId', 'inactive'] as const).filter((k) => next[k] !== undefined);
  const extras = (u: User) => Object.fromEntries(extra.map((k) => [k, u[k]]));
  const before = { ...auditView(user, role.key ?? role.name), ...extras(user) };
  const after = { ...before, ...pickAudited(next), role: target?.label ?? before.role };
  const changed = changedProperties(before, after);
  if (changed.length === 0) return changed;
  const [updated] = await tx
    .update(users)
    .set({ ...next, ...(target ? { roleId: target.id } : {}), updatedAt: new Date(), updatedBy: ctx.actor.name })
    .where(eq(users.id, user.id))
    .returning();
  await recordEvent(tx, ctx, {
    action: 'Edit',
    asset: 'User',
    assetId: user.id,
    accountId: account.id,
    partnerOrgId: account.partnerOrgId,
    before,
    after: { ...auditView(updated!, target?.label ?? before.role), ...extras(updated!) },
  });
  return changed;
}

function pickAudited(next: UserChanges) {
  return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
}
