'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { updateAccountAction } from '@/app/(portal)/accounts/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/select-field';
import { AccountInfoInput, BUSINESS_TYPES, type AccountInfoValues } from '@/lib/accounts/schemas';
import { AccountDetailsFields, applyFieldErrors, errorMessages, type CountryOption, type DetailField } from './account-fields';

const FIELDS = ['name', 'country', 'province', 'address', 'city', 'postalCode', 'defaultLanguage', 'businessType'] as const;

interface Props {
  accountId: string;
  values: AccountInfoValues;
  countries: CountryOption[];
  canEdit: boolean;
}

/** ACC-3 customer information: editable with the Account Edit permission, read-only otherwise. */
export function AccountInfoForm({ accountId, values, countries, canEdit }: Props) {
  const t = useT();
  const router = useRouter();
  const [result, setResult] = useState<{ tone: 'success' | 'error'; key: string } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<AccountInfoValues, unknown, z.output<typeof AccountInfoInput>>({
    resolver: zodResolver(AccountInfoInput),
    defaultValues: values,
  });

  const onSubmit = handleSubmit(async (data) => {
    setResult(null);
    const res = await updateAccountAction({ accountId, ...data });
    if (res.ok) {
      reset(data);
      setResult({ tone: 'success', key: 'account.saved' });
      router.refresh();
      return;
    }
    const unplaced = applyFieldErrors(res.fieldErrors, FIELDS, setError);
    const key = res.formError ?? (unplaced ? 'errors.validation' : null);
    if (key) setResult({ tone: 'error', key });
  });

  const field = (name: DetailField) => ({ registration: register(name), errors: errorMessages(formState.errors[name]) });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('account.customerDetails')} className="flex flex-col gap-4">
      {result && <Alert tone={result.tone}>{t(result.key)}</Alert>}
      <fieldset disabled={!canEdit} className="flex flex-col gap-4">
        <legend className="sr-only">{t('account.customerDetails')}</legend>
        <AccountDetailsFields field={field} countries={countries} />
        <SelectField label={t('account.fields.businessType')} errors={errorMessages(formState.errors.businessType)} className="md:w-1/2 md:pr-2" {...register('businessType')}>
          <option value="">{t('account.businessTypeNone')}</option>
          {BUSINESS_TYPES.map((b) => (
            <option key={b} value={b}>
              {t(`account.businessTypes.${b}`)}
            </option>
          ))}
        </SelectField>
      </fieldset>
      {canEdit && (
        <Button type="submit" disabled={formState.isSubmitting || !formState.isDirty} className="self-start">
          {t('account.save')}
        </Button>
      )}
    </form>
  );
}
