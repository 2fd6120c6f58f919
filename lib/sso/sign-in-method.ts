import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { roles, users } from '@/db/schema';
import { activeConnection } from './connection';

export interface SsoSignIn {
  accountId: string;
  /** AUTH-4 / SSO-2: admins always keep their password; others only with "Mitel credentials". */
  passwordAllowed: boolean;
}

/** Whether the user with this e-mail signs in through their account's IdP (null: not an SSO user). */
export async function ssoSignInFor(q: DbOrTx, email: string): Promise<SsoSignIn | null> {
  const [user] = await q
    .select({ accountId: users.accountId, baseRole: roles.baseRole })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  if (!user?.accountId) return null;
  const connection = await activeConnection(q, user.accountId);
  if (!connection) return null;
  return { accountId: user.accountId, passwordAllowed: connection.mitelCredentials || user.baseRole !== 'user' };
}
