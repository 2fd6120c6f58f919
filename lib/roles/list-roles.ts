import 'server-only';
import { asc, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { roles } from '@/db/schema';
import { authorize } from '@/lib/authz';
import type { Actor, BaseRole } from '@/lib/authz/types';
import { partnerOrgOf, visibleRoles } from './scope';

export interface RoleListRow {
  id: string;
  /** 'partner' | 'admin' | 'user' for the fixed base roles (ROLE-1), null for a custom role. */
  key: BaseRole | null;
  name: string;
  description: string | null;
  baseRole: BaseRole;
  /** Users of the organisation holding the role. */
  userCount: number;
  /** Customer accounts the role is assigned to (ROLE-4); always 0 for base roles. */
  accountCount: number;
}

/**
 * The roles page: the three base roles (read-only) first, then the organisation's custom roles
 * by name. A partner organisation has few custom roles, so the list is not paged.
 */
export async function listRoles(q: DbOrTx, actor: Actor): Promise<RoleListRow[]> {
  const orgId = partnerOrgOf(actor);
  authorize(actor, 'roles', 'view');
  return q
    .select({
      id: roles.id,
      key: roles.key,
      name: roles.name,
      description: roles.description,
      baseRole: roles.baseRole,
      // Qualified by hand: inside the sub-selects an unqualified "id" would be the inner table's.
      userCount: sql<number>`(select count(*)::int from "users" u where u."role_id" = "roles"."id" and u."partner_org_id" = ${orgId}::uuid)`,
      accountCount: sql<number>`(select count(*)::int from "role_accounts" ra where ra."role_id" = "roles"."id")`,
    })
    .from(roles)
    .where(visibleRoles(orgId))
    .orderBy(
      asc(sql`case ${roles.key} when 'partner' then 0 when 'admin' then 1 when 'user' then 2 else 3 end`),
      asc(sql`lower(${roles.name})`),
      asc(roles.id),
    );
}

