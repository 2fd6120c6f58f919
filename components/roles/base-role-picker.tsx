'use client';

import { useId } from 'react';
import { useT } from '@/components/i18n-provider';
import { CUSTOM_ROLE_BASES, type CustomRoleBase } from '@/lib/roles/schemas';

interface Props {
  value: CustomRoleBase;
  disabled: boolean;
  hint: string;
  onChange: (value: CustomRoleBase) => void;
}

/** ROLE-2 "Choose the base role": Partner (default) or Admin, as a radio group. */
export function BaseRolePicker({ value, disabled, hint, onChange }: Props) {
  const t = useT();
  const name = useId();
  const hintId = useId();
  return (
    <fieldset aria-describedby={hintId} className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-700">{t('roles.fields.baseRole')}</legend>
      <div className="flex gap-6">
        {CUSTOM_ROLE_BASES.map((base) => (
          <label key={base} className="flex items-center gap-2 text-sm">
            <input type="radio" name={name} value={base} checked={value === base} disabled={disabled} onChange={() => onChange(base)} className="accent-brand-600" />
            {t(`roles.bases.${base}`)}
          </label>
        ))}
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        {hint}
      </p>
    </fieldset>
  );
}
