import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountManagerAssignments, roleAccounts, rolePermissions, roles, users } from '@/db/schema';
import { loadSignedInUser, type SignedInUser } from '@/lib/auth/load-actor';
import { applicableCells, isAlwaysOn, toggleCell } from '@/lib/authz';
import type { Permission } from '@/lib/authz/types';
import { EMAIL, accountByName, userByEmail } from '../helpers';

/** The probing actors of the authorization suite (not a test file itself). */
export type Probe = 'signedOut' | 'otherAccountAdmin' | 'unassignedManager' | 'plainUser' | 'missingBox';
export const PROBES: readonly Probe[] = ['signedOut', 'otherAccountAdmin', 'unassignedManager', 'plainUser', 'missingBox'];

export interface World {
  /** Contoso Ltd: the callers' own account. */
  a: { id: string; partnerOrgId: string };
  /** Fabrikam BV: the account the cross-tenant probes aim at. */
  b: { id: string; partnerOrgId: string };
}

export async function world(): Promise<World> {
  const a = await accountByName('Contoso Ltd');
  const b = await accountByName('Fabrikam BV');
  // Sam Sales becomes an account manager of Contoso only (MGR-5).
  const sam = await userByEmail(EMAIL.sam);
  await db().update(users).set({ isAccountManager: true }).where(eq(users.id, sam.id));
  await db().insert(accountManagerAssignments).values({ userId: sam.id, accountId: a.id }).onConflictDoNothing();
  return { a: { id: a.id, partnerOrgId: a.partnerOrgId }, b: { id: b.id, partnerOrgId: b.partnerOrgId } };
}

export async function signedIn(email: string): Promise<SignedInUser> {
  const user = await userByEmail(email);
  const found = await loadSignedInUser(db(), user.id, 'any');
  if (!found) throw new Error(`${email} cannot sign in`);
  return found;
}

const missing = new Map<string, SignedInUser>();

/** Whether a custom role of the level's variant can lack these boxes (they exist and are not always on). */
export function lackable(permissions: readonly Permission[], level: 'account' | 'partner'): boolean {
  const base = level === 'account' ? 'admin' : 'partner';
  return permissions.length > 0 && permissions.every((p) => applicableCells(base).includes(p) && !isAlwaysOn(base, p));
}

/**
 * A user whose custom role has every box of its variant except `permissions` (and what depends on
 * them: unticking View unticks the feature): an Admin-based role held by a Contoso user for
 * account endpoints, a Partner-based role held by a Northwind partner admin for partner endpoints.
 * Null when a box is not in the variant or is always on, so it can't be missing.
 */
export async function withoutBoxes(w: World, permissions: readonly Permission[], level: 'account' | 'partner'): Promise<SignedInUser | null> {
  const base = level === 'account' ? 'admin' : 'partner';
  if (!lackable(permissions, level)) return null;
  const key = `${level}:${[...permissions].sort().join('+')}`;
  const cached = missing.get(key);
  if (cached) return cached;
  let boxes = new Set(applicableCells(base));
  for (const permission of permissions) boxes = toggleCell(base, boxes, permission, false);
  const [role] = await db().insert(roles).values({ partnerOrgId: w.a.partnerOrgId, baseRole: base, name: `Without ${key}` }).returning();
  await db().insert(rolePermissions).values([...boxes].map((p) => ({ roleId: role!.id, permission: p })));
  if (level === 'account') await db().insert(roleAccounts).values({ roleId: role!.id, accountId: w.a.id });
  const email = `no-${key.replace(/[^a-z0-9]+/gi, '-')}@authz.example`;
  await db().insert(users).values({ partnerOrgId: w.a.partnerOrgId, accountId: level === 'account' ? w.a.id : null, email, displayName: `Without ${key}`, roleId: role!.id, registeredAt: new Date() });
  const found = await signedIn(email);
  missing.set(key, found);
  return found;
}
