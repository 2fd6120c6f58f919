import { z } from 'zod';
import { isPermission } from '@/lib/authz';
import { tableCursor, tableDirection, tablePageSize, tableSearch } from '@/lib/tables/search-params';

/**
 * Schemas of the roles feature (ROLE-2..5), shared by the roles form (zodResolver) and the
 * commands, so a rule lives once. Messages are i18n keys.
 */
export const ROLE_NAME_MAX = 64;
export const ROLE_DESCRIPTION_MAX = 256;
/** At most this many accounts per assign / unassign request (a selection may span pages). */
export const ROLE_ACCOUNTS_MAX = 1000;

/** The base roles a custom role can derive from (ROLE-2); Partner is the default. */
export const CUSTOM_ROLE_BASES = ['partner', 'admin'] as const;
export type CustomRoleBase = (typeof CUSTOM_ROLE_BASES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = z.string().trim().max(64);

/** The "New role" / edit form: name, description, base role and the ticked boxes. */
export const RoleForm = z.object({
  name: z.string().trim().min(1, { message: 'errors.required' }).max(ROLE_NAME_MAX, { message: 'errors.roles.nameTooLong' }),
  description: z.string().trim().max(ROLE_DESCRIPTION_MAX, { message: 'errors.roles.descriptionTooLong' }).default(''),
  baseRole: z.enum(CUSTOM_ROLE_BASES, { message: 'errors.invalid' }).default('partner'),
  // Boxes that do not apply to the base role are dropped by normalisePermissions; names that are
  // no permission at all are a tampered request and refused.
  permissions: z
    .array(z.string().max(64).refine(isPermission, { message: 'errors.roles.unknownPermission' }), { message: 'errors.invalid' })
    .max(100, { message: 'errors.invalid' }),
});
export type RoleFormInput = z.input<typeof RoleForm>;

export const CreateRoleInput = RoleForm;
/** The base role of an existing role never changes (seed 2.14: a duplicate keeps it too). */
export const UpdateRoleInput = RoleForm.omit({ baseRole: true }).extend({ roleId: id });
export const RoleRef = z.object({ roleId: id });

/** ROLE-4: the accounts to assign a role to, or to take it from. */
export const RoleAccountsInput = z.object({
  roleId: id,
  accountIds: z
    .array(z.string().regex(UUID, { message: 'errors.invalid' }), { message: 'errors.invalid' })
    .min(1, { message: 'errors.roles.noAccountsSelected' })
    .max(ROLE_ACCOUNTS_MAX, { message: 'errors.roles.tooManyAccounts' }),
});

/** The Accounts tab's filter: every account in scope, or only those (not) holding the role. */
export const ROLE_ACCOUNT_FILTERS = ['all', 'assigned', 'notAssigned'] as const;
export type RoleAccountFilter = (typeof ROLE_ACCOUNT_FILTERS)[number];

/** The Accounts tab's URL state; bad values fall back to the defaults. */
export const RoleAccountsParams = z.object({
  filter: z.enum(ROLE_ACCOUNT_FILTERS).catch('all'),
  q: tableSearch,
  dir: tableDirection,
  cursor: tableCursor,
  size: tablePageSize,
});
export type RoleAccountsParams = z.infer<typeof RoleAccountsParams>;

export function isRoleId(value: string): boolean {
  return UUID.test(value);
}
