'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { createAccountAction } from '@/app/(portal)/accounts/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CreateAccountInput, type CreateAccountValues } from '@/lib/accounts/schemas';
import type { Locale } from '@/lib/i18n/config';
import { AccountDetailsFields, applyFieldErrors, errorMessages, type CountryOption, type DetailField } from './account-fields';
import { SupportContactsField } from './support-contacts-field';

const FIELDS = ['name', 'country', 'province', 'address', 'city', 'postalCode', 'defaultLanguage', 'supportContacts'] as const;

/** ACC-2: "Add account" with at least one support contact (SUP-1); opens the new account on success. */
export function NewAccountForm({ countries, defaultLanguage }: { countries: CountryOption[]; defaultLanguage: Locale }) {
  const t = useT();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, control, handleSubmit, formState, setError } = useForm<CreateAccountValues, unknown, z.output<typeof CreateAccountInput>>({
    resolver: zodResolver(CreateAccountInput),
    defaultValues: { name: '', country: '', province: '', address: '', city: '', postalCode: '', defaultLanguage, supportContacts: [] },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await createAccountAction(values);
    if (res.ok) {
      router.push(`/accounts/${res.data.id}`);
      return;
    }
    const unplaced = applyFieldErrors(res.fieldErrors, FIELDS, setError);
    setFormError(res.formError ?? (unplaced ? 'errors.validation' : null));
  });

  const field = (name: DetailField) => ({ registration: register(name), errors: errorMessages(formState.errors[name]) });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('accounts.new.title')} className="flex max-w-3xl flex-col gap-6">
      {formError && <Alert tone="error">{t(formError)}</Alert>}
      <AccountDetailsFields field={field} countries={countries} />
      <Controller
        control={control}
        name="supportContacts"
        render={({ field: contacts, fieldState }) => (
          <SupportContactsField value={contacts.value} onChange={contacts.onChange} canSearchPartners errors={errorMessages(fieldState.error)} />
        )}
      />
      <div className="flex gap-3">
        <Button type="submit" disabled={formState.isSubmitting}>
          {t('accounts.new.submit')}
        </Button>
        <Link href="/accounts" className="inline-flex items-center rounded px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
