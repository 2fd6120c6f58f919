import { ForbiddenError } from '../errors';
import { MATRIX, type MatrixCell, type RoleVariant } from './matrix';
import { FEATURES, OPERATIONS, type Actor, type BaseRole, type Feature, type Operation, type Permission } from './types';

const ALL_PERMISSIONS: readonly Permission[] = FEATURES.flatMap((f) => OPERATIONS.map((op) => permissionOf(f, op)));
const PERMISSION_SET: ReadonlySet<string> = new Set(ALL_PERMISSIONS);

export function permissionOf(feature: Feature, op: Operation): Permission {
  return `${feature}.${op}`;
}

export function isPermission(value: string): value is Permission {
  return PERMISSION_SET.has(value);
}

export function splitPermission(cell: Permission): { feature: Feature; op: Operation } {
  const [feature, op] = cell.split('.') as [Feature, Operation];
  return { feature, op };
}

/** The matrix variant a base role uses; a plain `user` has no matrix at all. */
export function variantOf(base: BaseRole): RoleVariant | null {
  return base === 'user' ? null : base;
}

export function matrixCell(variant: RoleVariant, cell: Permission): MatrixCell | undefined {
  const { feature, op } = splitPermission(cell);
  return MATRIX[feature][variant][op];
}

export function isApplicable(variant: RoleVariant, cell: Permission): boolean {
  return matrixCell(variant, cell) !== undefined;
}

export function isAlwaysOn(variant: RoleVariant, cell: Permission): boolean {
  return matrixCell(variant, cell)?.alwaysOn === true;
}

/** Applicable cells of a variant, in roles-page order (features, then operations). */
export function applicableCells(variant: RoleVariant): Permission[] {
  return ALL_PERMISSIONS.filter((cell) => isApplicable(variant, cell));
}

export function alwaysOnCells(variant: RoleVariant): Permission[] {
  return ALL_PERMISSIONS.filter((cell) => isAlwaysOn(variant, cell));
}

/**
 * Permissions of the fixed base roles (ROLE-1); also the initial ticks of a new
 * custom role (ROLE-2: all boxes ticked). A plain user may only change its own
 * password, which is not a matrix permission.
 */
export function defaultPermissions(base: BaseRole): Set<Permission> {
  const variant = variantOf(base);
  return new Set(variant === null ? [] : applicableCells(variant));
}

/**
 * Canonical permission set for a role: unknown and non-applicable cells dropped,
 * always-on cells added, and View added to every feature with any other box ticked.
 */
export function normalisePermissions(base: BaseRole, perms: Iterable<Permission | string>): Set<Permission> {
  const variant = variantOf(base);
  if (variant === null) return new Set();
  const wanted = new Set<Permission>();
  for (const value of perms) {
    if (isPermission(value) && isApplicable(variant, value)) wanted.add(value);
  }
  for (const cell of alwaysOnCells(variant)) wanted.add(cell);
  for (const cell of [...wanted]) {
    const { feature, op } = splitPermission(cell);
    if (op !== 'view') wanted.add(permissionOf(feature, 'view'));
  }
  return new Set(ALL_PERMISSIONS.filter((cell) => wanted.has(cell)));
}

/**
 * Roles-editor checkbox rule: ticking any box also ticks View; unticking View
 * unticks the whole feature; always-on cells stay ticked.
 */
export function toggleCell(
  base: BaseRole,
  current: ReadonlySet<Permission>,
  cell: Permission,
  on: boolean,
): Set<Permission> {
  const variant = variantOf(base);
  const next = new Set(current);
  if (variant === null || !isApplicable(variant, cell)) return normalisePermissions(base, next);
  const { feature, op } = splitPermission(cell);
  if (on) {
    next.add(cell);
    next.add(permissionOf(feature, 'view'));
  } else if (!isAlwaysOn(variant, cell)) {
    next.delete(cell);
    if (op === 'view') {
      for (const other of OPERATIONS) next.delete(permissionOf(feature, other));
    }
  }
  return normalisePermissions(base, next);
}

export function can(actor: Actor, feature: Feature, op: Operation): boolean {
  if (actor.kind === 'system') return true;
  return actor.permissions.has(permissionOf(feature, op));
}

export function authorize(actor: Actor, feature: Feature, op: Operation): void {
  if (!can(actor, feature, op)) throw new ForbiddenError();
}

/** Seed 2.14.3: Add or Edit on Users opens "Manage" on the users list. */
export function canOpenManage(actor: Actor): boolean {
  return can(actor, 'users', 'add') || can(actor, 'users', 'edit');
}

/** Seed 2.14.3: Add or Edit on Users is required to send welcome e-mails. */
export function canSendWelcome(actor: Actor): boolean {
  return can(actor, 'users', 'add') || can(actor, 'users', 'edit');
}

/** Seed 2.14.6: configuring existing integrations and their privileges needs Add or Edit. */
export function canConfigureIntegrations(actor: Actor): boolean {
  return can(actor, 'integrations', 'add') || can(actor, 'integrations', 'edit');
}

/** Seed 2.14.6: adding to / removing from the integrations catalogue needs Add and Delete. */
export function canManageIntegrationCatalogue(actor: Actor): boolean {
  return can(actor, 'integrations', 'add') && can(actor, 'integrations', 'delete');
}

/** ROLE-2..5: the roles pages belong to the partner (seed 2.14: "log in as a Mitel Partner"). */
export function canOpenRoles(actor: Actor): boolean {
  return actor.kind === 'partner' && can(actor, 'roles', 'view');
}

/**
 * MGR-1: converting, assigning and upgrading account managers changes what other partner admins
 * may reach, so it takes an unrestricted partner admin (not an account manager) with Roles
 * "Assign" (seed 2.15).
 */
export function canManageAccountManagers(actor: Actor): boolean {
  return actor.kind === 'partner' && actor.managedAccountIds === null && can(actor, 'roles', 'assign');
}

export function isPartnerActor(actor: Actor): boolean {
  return actor.kind === 'partner';
}

/**
 * Tenancy rule (§0): partners see their organisation's accounts (account managers
 * only the assigned ones); everyone else only the account they belong to.
 */
export function canSeeAccount(actor: Actor, account: { id: string; partnerOrgId: string }): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'partner':
      return (
        actor.partnerOrgId !== null &&
        actor.partnerOrgId === account.partnerOrgId &&
        (actor.managedAccountIds === null || actor.managedAccountIds.includes(account.id))
      );
    case 'accountUser':
    case 'scim':
    case 'solution':
      return actor.accountId !== null && actor.accountId === account.id;
  }
}
