import 'server-only';
import { and, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accounts } from '@/db/schema';
import { accountScope } from '@/lib/accounts/scope';
import type { Actor } from '@/lib/authz/types';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { CustomRole } from './scope';

/** ROLE-4 (seed 2.14 "Opmerking"): only an Admin-based role can be assigned to customer accounts. */
export function assertAssignable(role: CustomRole): asserts role is CustomRole & { baseRole: 'admin' } {
  if (role.baseRole !== 'admin') throw new ConflictError('roles.errors.onlyAdminAssignable');
}

/**
 * The accounts of a request, all in the actor's scope (an account manager reaches only its own,
 * MGR-5) and of the role's organisation, or NotFound for the whole request: one foreign id
 * makes nothing change, and another tenant's account looks absent.
 */
export async function accountsForRole(tx: Tx, actor: Actor, role: CustomRole, accountIds: readonly string[]): Promise<{ id: string; name: string }[]> {
  const wanted = [...new Set(accountIds.map((id) => id.toLowerCase()))];
  const found = await tx
    .select({ id: accounts.id, name: accounts.name, partnerOrgId: accounts.partnerOrgId })
    .from(accounts)
    .where(and(inArray(accounts.id, wanted), accountScope(actor)));
  if (found.length !== wanted.length || found.some((a) => a.partnerOrgId !== role.partnerOrgId)) throw new NotFoundError();
  return found.map(({ id, name }) => ({ id, name }));
}
