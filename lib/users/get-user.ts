import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { userExtensions, type Role, type User } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { validationFromZod } from '@/lib/errors';
import { UserRef } from './schemas';
import { getUserInScope } from './scope';
import { isExternal } from './source';

export interface UserDetail {
  id: string;
  accountId: string;
  displayName: string;
  firstName: string;
  lastName: string;
  email: string;
  mobile: string | null;
  phone: string | null;
  loginId: string | null;
  extensions: string[];
  /**
   * The form's role value: 'user' or 'admin' for a base role, the id of an Admin-based custom role
   * (ROLE-4), or null when the user holds a role the form cannot pick (a partner role).
   */
  role: string | null;
  /** The base role's key (shown translated), or null for a custom role (shown by its name). */
  roleKey: Role['key'];
  roleName: string;
  baseRole: Role['baseRole'];
  source: User['source'];
  external: boolean;
  registered: boolean;
  inactive: boolean;
  updatedAt: Date;
  updatedBy: string | null;
}

/** USR-3: the user page's data, for a user of an account in the actor's scope (else NotFound). */
export async function getUser(q: DbOrTx, actor: Actor, input: unknown): Promise<UserDetail> {
  const parsed = UserRef.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(actor, 'users', 'view');
  const { user, role, account } = await getUserInScope(q, actor, parsed.data);
  const extensions = await q
    .select({ extension: userExtensions.extension })
    .from(userExtensions)
    .where(and(eq(userExtensions.accountId, parsed.data.accountId), eq(userExtensions.userId, user.id)))
    .orderBy(asc(userExtensions.extension));
  return {
    id: user.id,
    accountId: account.id,
    displayName: user.displayName,
    firstName: user.firstName ?? '',
    lastName: user.lastName ?? '',
    email: user.email,
    mobile: user.mobile,
    phone: user.phone,
    loginId: user.loginId,
    extensions: extensions.map((e) => e.extension),
    role: role.key === 'admin' || role.key === 'user' ? role.key : role.key === null && role.baseRole === 'admin' ? role.id : null,
    roleKey: role.key,
    roleName: role.name,
    baseRole: role.baseRole,
    source: user.source,
    external: isExternal(user.source),
    registered: user.registeredAt !== null,
    inactive: user.inactive,
    updatedAt: user.updatedAt,
    updatedBy: user.updatedBy,
  };
}
