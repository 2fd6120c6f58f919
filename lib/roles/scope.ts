import 'server-only';
import { and, asc, count, eq, inArray, isNotNull, isNull, or, sql, type AnyColumn } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { roleAccounts, rolePermissions, roles, users, type Role } from '@/db/schema';
import { defaultPermissions, normalisePermissions } from '@/lib/authz';
import type { Actor, Permission } from '@/lib/authz/types';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { isRoleId } from './schemas';

/** A custom role, as a command has locked it. */
export type CustomRole = Role & { partnerOrgId: string; baseRole: 'partner' | 'admin' };

/**
 * ROLE-2..5 belong to a partner organisation ("log in as a Mitel Partner"): account users, even
 * with Roles "View", never reach them. Returns the organisation whose roles the actor manages.
 */
export function partnerOrgOf(actor: Actor): string {
  if (actor.kind !== 'partner' || !actor.partnerOrgId) throw new ForbiddenError();
  return actor.partnerOrgId;
}

/** The roles a partner sees: the three fixed base roles and its own organisation's custom roles. */
export function visibleRoles(partnerOrgId: string) {
  return or(and(isNull(roles.partnerOrgId), isNotNull(roles.key)), eq(roles.partnerOrgId, partnerOrgId))!;
}

/** A role the actor may see (base or own custom role), or NotFound: another partner's id looks absent. */
export async function getVisibleRole(q: DbOrTx, actor: Actor, roleId: string): Promise<Role> {
  const orgId = partnerOrgOf(actor);
  if (!isRoleId(roleId)) throw new NotFoundError();
  const [role] = await q
    .select()
    .from(roles)
    .where(and(eq(roles.id, roleId), visibleRoles(orgId)))
    .limit(1);
  if (!role) throw new NotFoundError();
  return role;
}

/**
 * A custom role of the actor's organisation for a command, locked against concurrent changes.
 * The base roles are fixed (ROLE-1): changing one is refused, not hidden, since every partner sees
 * them. `no key update` lets users keep referencing the role while it is locked.
 */
export async function getCustomRoleForChange(tx: Tx, actor: Actor, roleId: string): Promise<CustomRole> {
  const orgId = partnerOrgOf(actor);
  if (!isRoleId(roleId)) throw new NotFoundError();
  const [role] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, roleId), visibleRoles(orgId)))
    .limit(1)
    .for('no key update');
  if (!role) throw new NotFoundError();
  if (role.key !== null || role.partnerOrgId === null || role.baseRole === 'user') throw new ForbiddenError('roles.errors.baseRoleFixed');
  return role as CustomRole;
}

/**
 * Editing or deleting a role reaches every account it is assigned to and every user holding it.
 * An account manager acts only on its own accounts (MGR-5), so it may change a role only while
 * the role is assigned to, and held in, nothing but those accounts (partner users included).
 */
export async function assertWholeRoleInScope(tx: Tx, actor: Actor, role: CustomRole): Promise<void> {
  if (actor.managedAccountIds === null) return;
  const managed = [...actor.managedAccountIds];
  const outside = (column: AnyColumn) => (managed.length ? sql`(${column} is null or not (${inArray(column, managed)}))` : sql`true`);
  const [assigned] = await tx
    .select({ n: count() })
    .from(roleAccounts)
    .where(and(eq(roleAccounts.roleId, role.id), outside(roleAccounts.accountId)));
  const [held] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.roleId, role.id), outside(users.accountId)));
  if ((assigned?.n ?? 0) > 0 || (held?.n ?? 0) > 0) throw new ForbiddenError('roles.errors.outsideScope');
}

/** The ticked boxes of a role: a base role's from lib/authz, a custom role's rows, normalised. */
export async function permissionsOf(q: DbOrTx, role: Pick<Role, 'id' | 'key' | 'baseRole'>): Promise<Permission[]> {
  if (role.key) return [...defaultPermissions(role.baseRole)];
  const rows = await q.select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, role.id)).orderBy(asc(rolePermissions.permission));
  return [...normalisePermissions(role.baseRole, rows.map((r) => r.p))];
}

/** How many users hold a role, optionally only in some accounts. */
export async function holdersOf(q: DbOrTx, roleId: string, accountIds?: readonly string[]): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.roleId, roleId), accountIds ? inArray(users.accountId, [...accountIds]) : undefined));
  return row?.n ?? 0;
}

/** "Users still hold this role": a conflict whose message says how many (`params.count`). */
export class RoleInUseError extends ConflictError {
  override readonly params: Record<string, string | number>;

  constructor(messageKey: 'roles.errors.inUse' | 'roles.errors.unassignInUse', count: number) {
    super(messageKey);
    this.params = { count };
  }
}

/** ROLE-2: the name field's conflict when the organisation already has a role of that name. */
export function nameTaken(): ConflictError {
  return new ConflictError('errors.validation', { name: ['roles.errors.nameTaken'] });
}

/**
 * Refuses a name another role of the organisation (or a base role, whose names the user form
 * lists beside custom roles) already has, case-insensitively. The unique index catches a race.
 */
export async function assertNameFree(q: DbOrTx, orgId: string, name: string, exceptRoleId?: string): Promise<void> {
  const [row] = await q
    .select({ id: roles.id })
    .from(roles)
    .where(and(visibleRoles(orgId), sql`lower(${roles.name}) = lower(${name})`, exceptRoleId ? sql`${roles.id} <> ${exceptRoleId}::uuid` : undefined))
    .limit(1);
  if (row) throw nameTaken();
}

/** Maps the unique index on (organisation, lower(name)) to the name field's conflict. */
export function nameConflictFrom(error: unknown): ConflictError | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name: constraint } = e as { code?: unknown; constraint_name?: unknown };
    if (code === '23505' && constraint === 'roles_org_name_uq') return nameTaken();
    if ((e as { cause?: unknown }).cause === e) break;
  }
  return null;
}

/** The role as audit events carry it. */
export function roleAuditView(role: Pick<Role, 'name' | 'description' | 'baseRole'>, permissions: readonly Permission[]) {
  return { name: role.name, description: role.description ?? '', baseRole: role.baseRole, permissions: [...permissions].sort() };
}
