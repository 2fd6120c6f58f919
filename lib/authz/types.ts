/** Features of the permission matrix (ROLE-3), in the order the roles page shows them. */
export const FEATURES = [
  'account',
  'users',
  'userTemplates',
  'roles',
  'integrations',
  'subscriptions',
  'support',
  'mivb',
  'customerService',
  'developer',
  'orders',
] as const;
export type Feature = (typeof FEATURES)[number];

export const OPERATIONS = ['view', 'add', 'edit', 'assign', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export type Permission = `${Feature}.${Operation}`;

/** The fixed base roles (ROLE-1). Custom roles derive from `partner` or `admin`. */
export type BaseRole = 'partner' | 'admin' | 'user';

export type ActorKind = 'partner' | 'accountUser' | 'system' | 'scim' | 'solution';

/**
 * Who is acting, built once per request from the session (or a token / job).
 * - partner: belongs to `partnerOrgId`, `accountId` is the customer account it acts in (or null).
 * - accountUser: belongs to `accountId` (and its partner org).
 * `managedAccountIds` is null for unrestricted partner admins; a list for account managers.
 */
export interface Actor {
  userId: string | null;
  kind: ActorKind;
  name: string;
  partnerOrgId: string | null;
  accountId: string | null;
  roleId: string | null;
  baseRole: BaseRole;
  permissions: ReadonlySet<Permission>;
  managedAccountIds: readonly string[] | null;
}
