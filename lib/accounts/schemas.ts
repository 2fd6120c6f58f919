import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/config';
import { isCountryCode } from './countries';

/**
 * Account form schemas shared by the browser (react-hook-form) and the commands, so a rule lives
 * once. Messages are i18n keys. Empty optional text fields arrive as '' and are stored as NULL.
 */
export const ACCOUNT_LIMITS = {
  name: 120,
  address: 200,
  city: 100,
  postalCode: 20,
  province: 100,
  email: 254,
  supportContacts: 25,
} as const;

export const BUSINESS_TYPES = ['smallBusiness', 'midMarket', 'enterprise', 'education', 'government', 'healthcare', 'hospitality', 'retail', 'other'] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];

/** Seed 2.3: on a MiCloud Connect account the SAP customer number is called "Customer number for billing". */
export const CLOUD_PBX_TYPE = 'MiCloud Connect';

const optionalText = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' });

/** SUP-1: one support contact, a partner user's or any other e-mail address. */
export const SupportContactEmail = z
  .string()
  .trim()
  .pipe(z.email({ message: 'errors.accounts.invalidContactEmail' }).max(ACCOUNT_LIMITS.email, { message: 'errors.tooLong' }));

/** SUP-1: at least one contact (mandatory when creating, and kept so afterwards). */
export const SupportContactsSchema = z
  .array(SupportContactEmail)
  .min(1, { message: 'errors.accounts.supportContactRequired' })
  .max(ACCOUNT_LIMITS.supportContacts, { message: 'errors.accounts.tooManySupportContacts' });

const details = {
  name: z.string().trim().min(1, { message: 'errors.required' }).max(ACCOUNT_LIMITS.name, { message: 'errors.tooLong' }),
  country: z.string().superRefine((value, ctx) => {
    if (!isCountryCode(value)) ctx.addIssue({ code: 'custom', message: value === '' ? 'errors.required' : 'errors.accounts.unknownCountry' });
  }),
  province: optionalText(ACCOUNT_LIMITS.province),
  address: optionalText(ACCOUNT_LIMITS.address),
  city: optionalText(ACCOUNT_LIMITS.city),
  postalCode: optionalText(ACCOUNT_LIMITS.postalCode),
  defaultLanguage: z.enum(LOCALES, { message: 'errors.invalid' }),
};

/** ACC-2: the "Add account" form. */
export const CreateAccountInput = z.object({ ...details, supportContacts: SupportContactsSchema });
export type CreateAccountValues = z.input<typeof CreateAccountInput>;

/** ACC-3: the customer information panel (every field, as the form sends them). */
export const AccountInfoInput = z.object({
  ...details,
  businessType: z.union([z.enum(BUSINESS_TYPES), z.literal('')], { message: 'errors.invalid' }),
});
export type AccountInfoValues = z.input<typeof AccountInfoInput>;

/**
 * ACC-3 / ACC-6: an edit changes only the fields it carries, so the information form and the
 * call-services toggle share one command without overwriting each other.
 */
export const UpdateAccountInput = AccountInfoInput.extend({ bandwidthOptimisation: z.boolean() })
  .partial()
  .extend({ accountId: z.string().max(100) });
export type UpdateAccountValues = z.input<typeof UpdateAccountInput>;

export const SetSupportContactsInput = z.object({ accountId: z.string().max(100), supportContacts: SupportContactsSchema });

/** ACC-4: deactivate or reactivate. */
export const SetAccountStatusInput = z.object({ accountId: z.string().max(100), status: z.enum(['active', 'deactivated']) });

export const DeleteAccountInput = z.object({ accountId: z.string().max(100) });

/** Support contacts compare case-insensitively (the table's unique index is on lower(email)). */
export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** ACC-1: the views of the accounts list. */
export const ACCOUNT_VIEWS = ['all', 'active', 'deactivated'] as const;
export type AccountView = (typeof ACCOUNT_VIEWS)[number];
export const ACCOUNT_SORTS = ['name', 'created'] as const;
