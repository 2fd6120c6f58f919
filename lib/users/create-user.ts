import 'server-only';
import type { Tx } from '@/db/client';
import { users, type NewUser, type User } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command, type Ctx } from '@/lib/db/transaction';
import { validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { CreateUserInput } from './schemas';
import { auditView, baseRoleIdOf } from './scope';
import { sendWelcomeMail } from './send-welcome';
import { assertAttributesFree, conflictFromUniqueViolation } from './unique';

/**
 * USR-2: adds a user to an account and sends the welcome mail (AUTH-3). The "Account Admin"
 * toggle assigns a role, so it also needs the Roles "Assign" permission.
 */
export async function createUser({ ctx, input }: Command<unknown>): Promise<{ id: string }> {
  const parsed = CreateUserInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { accountId, firstName, lastName, email, accountAdmin } = parsed.data;
  authorize(ctx.actor, 'users', 'add');
  if (accountAdmin) authorize(ctx.actor, 'roles', 'assign');
  try {
    return await withTransaction(ctx, async (tx) => {
      const account = await getAccountInScope(tx, ctx.actor, accountId);
      const user = await addAccountUser(tx, ctx, account, { email, firstName, lastName, displayName: `${firstName} ${lastName}`, roleKey: accountAdmin ? 'admin' : 'user', source: 'portal' });
      return { id: user.id };
    });
  } catch (e) {
    throw conflictFromUniqueViolation(e) ?? e;
  }
}

export type AccountUserValues = Pick<NewUser, 'email' | 'firstName' | 'lastName' | 'displayName' | 'mobile' | 'phone' | 'loginId' | 'externalId' | 'inactive'> & {
  roleKey: 'admin' | 'user';
  source: 'portal' | 'scim';
  /** False for a user created deactivated (SCIM `active: false`): no welcome mail until activated. */
  welcome?: boolean;
};

/**
 * The one way a user joins an account, for the form (USR-2) and for SCIM (SCIM-2): the USR-8
 * uniqueness check, the insert, the audit event and the welcome mail, in the caller's transaction.
 * The caller has authorised and fetched the account in scope.
 */
export async function addAccountUser(tx: Tx, ctx: Ctx, account: { id: string; partnerOrgId: string }, values: AccountUserValues): Promise<User> {
  const { roleKey, welcome = true, ...fields } = values;
  await assertAttributesFree(tx, { accountId: account.id, email: fields.email, mobile: fields.mobile ?? null });
  const [user] = await tx
    .insert(users)
    .values({ ...fields, partnerOrgId: account.partnerOrgId, accountId: account.id, roleId: await baseRoleIdOf(tx, roleKey), updatedBy: ctx.actor.name })
    .returning();
  await recordEvent(tx, ctx, { action: 'Create', asset: 'User', assetId: user!.id, accountId: account.id, partnerOrgId: account.partnerOrgId, after: auditView(user!, roleKey) });
  if (welcome) await sendWelcomeMail(tx, user!.id);
  return user!;
}
