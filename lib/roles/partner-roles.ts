import 'server-only';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { roles } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { assertCanManage } from '@/lib/managers/scope';
import { isRoleId } from './schemas';

export interface PartnerRoleChoice {
  id: string;
  /** 'partner' for the fixed Partner role (shown in the reader's language), null for a custom role. */
  key: 'partner' | null;
  name: string;
}

/** The roles a partner user of `orgId` may hold: the fixed Partner role and the organisation's Partner-based roles. */
function partnerRolesOf(orgId: string) {
  return or(eq(roles.key, 'partner'), and(eq(roles.partnerOrgId, orgId), isNull(roles.key), eq(roles.baseRole, 'partner')))!;
}

/**
 * The Account managers page's role choices for partner users: Partner first, then the
 * organisation's Partner-based custom roles by name. Same guard as the page (MGR-1).
 */
export async function partnerRolesFor(q: DbOrTx, actor: Actor): Promise<PartnerRoleChoice[]> {
  assertCanManage(actor);
  const rows = await q
    .select({ id: roles.id, key: roles.key, name: roles.name })
    .from(roles)
    .where(partnerRolesOf(actor.partnerOrgId))
    .orderBy(asc(sql`case when ${roles.key} = 'partner' then 0 else 1 end`), asc(sql`lower(${roles.name})`), asc(roles.id));
  return rows.map((r) => ({ ...r, key: r.key === 'partner' ? 'partner' : null }));
}

/**
 * The role `roleId` if a partner user of `orgId` may hold it, else null. Share-locked, so a
 * concurrent deletion of the role waits for this transaction and then counts its new holder.
 */
export async function partnerRoleFor(tx: Tx, orgId: string, roleId: string): Promise<{ id: string; name: string } | null> {
  if (!isRoleId(roleId)) return null;
  const [row] = await tx
    .select({ id: roles.id, name: roles.name })
    .from(roles)
    .where(and(eq(roles.id, roleId), partnerRolesOf(orgId)))
    .limit(1)
    .for('share');
  return row ?? null;
}
