import { z } from 'zod';
import { tableCursor, tableDirection, tablePageSize, tableSearch } from '@/lib/tables/search-params';

/**
 * Schemas of the users feature, shared by the browser forms (zodResolver) and the commands, so a
 * rule lives in one place. Messages are i18n keys.
 */
export const NAME_MAX = 64;
export const DISPLAY_NAME_MAX = 128;
export const EMAIL_MAX = 254;

const id = z.string().trim().max(64);
const name = (max: number) => z.string().trim().min(1, { message: 'errors.required' }).max(max, { message: 'errors.tooLong' });

export const EmailField = z
  .string()
  .trim()
  .min(1, { message: 'errors.required' })
  .max(EMAIL_MAX, { message: 'errors.tooLong' })
  .check(z.email({ message: 'errors.invalidEmail' }));

/**
 * Mobile numbers are compared for uniqueness (USR-8), so they are stored without the spaces,
 * dashes and brackets people type: "+31 6 1234-5678" and "+31612345678" are the same number.
 */
export const MobileField = z
  .string()
  .trim()
  .max(32, { message: 'errors.tooLong' })
  .refine((v) => v === '' || (/^\+?[0-9 ()./-]{3,31}$/.test(v) && v.replace(/[^0-9]/g, '').length >= 3), { message: 'users.errors.invalidPhone' })
  .transform((v) => (v === '' ? null : v.replace(/[^0-9+]/g, '')));

export const ROLE_CHOICES = ['user', 'admin'] as const;
export type RoleChoice = (typeof ROLE_CHOICES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isRoleChoice = (value: string): value is RoleChoice => (ROLE_CHOICES as readonly string[]).includes(value);

/**
 * The user form's role: a base role, or the id of a custom role assigned to the user's account
 * (ROLE-4). The command checks that the id is such a role.
 */
export const UserRoleField = z
  .string()
  .trim()
  .max(64)
  .refine((v) => isRoleChoice(v) || UUID.test(v), { message: 'errors.invalid' });

/** The "New user" form (USR-2). */
export const NewUserForm = z.object({
  firstName: name(NAME_MAX),
  lastName: name(NAME_MAX),
  email: EmailField,
  accountAdmin: z.boolean().default(false),
});
export const CreateUserInput = NewUserForm.extend({ accountId: id });

/** The "Edit user" form (USR-3). */
export const EditUserForm = z.object({
  displayName: name(DISPLAY_NAME_MAX),
  firstName: name(NAME_MAX),
  lastName: name(NAME_MAX),
  email: EmailField,
  mobile: MobileField,
  /** Left out when the form cannot change the role (no Roles "Assign", or a role it cannot pick). */
  role: UserRoleField.optional(),
});
export const UpdateUserInput = EditUserForm.extend({ accountId: id, userId: id });

/** A single user of an account, as a URL or a form names it. */
export const UserRef = z.object({ accountId: id, userId: id });

/** USR-1 "+ Add filter" → Property. */
export const PROPERTY_FILTERS = ['admins', 'users', 'registered', 'unregistered', 'pbx', 'micloud', 'iot', 'inactive'] as const;
export type PropertyFilter = (typeof PROPERTY_FILTERS)[number];
/** USR-1 "+ Add filter" → Product: users holding a licence of it (a Mitel One product without a level holds none). */
export const PRODUCT_FILTERS = ['mitelOne', 'miteamMeetings'] as const;
export type ProductFilter = (typeof PRODUCT_FILTERS)[number];
export const USER_SORTS = ['name', 'email', 'modified'] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** The users list's URL state; bad values fall back to the defaults instead of failing the page. */
export const ListUsersParams = z.object({
  q: tableSearch,
  filter: z.enum(PROPERTY_FILTERS).optional().catch(undefined),
  product: z.enum(PRODUCT_FILTERS).optional().catch(undefined),
  sort: z.enum(USER_SORTS).catch('name'),
  dir: tableDirection,
  cursor: tableCursor,
  size: tablePageSize,
});
export type ListUsersParams = z.infer<typeof ListUsersParams>;
