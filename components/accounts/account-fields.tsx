'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { useT } from '@/components/i18n-provider';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { ACCOUNT_LIMITS } from '@/lib/accounts/schemas';
import { LOCALES, LOCALE_NAMES } from '@/lib/i18n/config';

export type DetailField = 'name' | 'country' | 'province' | 'address' | 'city' | 'postalCode' | 'defaultLanguage';

export interface CountryOption {
  code: string;
  name: string;
}

interface Props {
  field: (name: DetailField) => { registration: UseFormRegisterReturn; errors?: string[] };
  countries: CountryOption[];
}

/**
 * The customer details shared by "Add account" (ACC-2) and the information page (ACC-3).
 * Length limits come from the schema, so the browser stops typing where the server would refuse.
 */
export function AccountDetailsFields({ field, countries }: Props) {
  const t = useT();
  // autoComplete off: these describe a customer, not the signed-in person the browser knows.
  const text = (name: Exclude<DetailField, 'country' | 'defaultLanguage'>, label: string, max: number) => {
    const { registration, errors } = field(name);
    return <TextField label={label} autoComplete="off" maxLength={max} errors={errors} {...registration} />;
  };
  const country = field('country');
  const language = field('defaultLanguage');
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {text('name', t('account.fields.name'), ACCOUNT_LIMITS.name)}
      <SelectField label={t('account.fields.country')} errors={country.errors} {...country.registration}>
        <option value="">{t('account.chooseCountry')}</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      {text('address', t('account.fields.address'), ACCOUNT_LIMITS.address)}
      {text('city', t('account.fields.city'), ACCOUNT_LIMITS.city)}
      {text('postalCode', t('account.fields.postalCode'), ACCOUNT_LIMITS.postalCode)}
      {text('province', t('account.fields.province'), ACCOUNT_LIMITS.province)}
      <SelectField label={t('account.fields.language')} errors={language.errors} {...language.registration}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** Every message (i18n key) of a react-hook-form error tree: a list's own error and its items'. */
export function errorMessages(error: unknown): string[] | undefined {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const message = (node as { message?: unknown }).message;
    if (typeof message === 'string' && message) {
      out.add(message);
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'ref') walk(child);
  };
  walk(error);
  return out.size ? [...out] : undefined;
}

/** Server field errors ("supportContacts.1" → "supportContacts") onto the form's own fields. */
export function applyFieldErrors<F extends string>(fieldErrors: Record<string, string[]>, fields: readonly F[], setError: (name: F, error: { message: string }) => void): boolean {
  let unplaced = false;
  for (const [path, keys] of Object.entries(fieldErrors)) {
    const name = path.split('.')[0] as F;
    if (fields.includes(name) && keys[0]) setError(name, { message: keys[0] });
    else unplaced = true;
  }
  return unplaced;
}
