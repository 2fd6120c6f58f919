'use client';

import { forwardRef, useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useT } from '@/components/i18n-provider';

type Props = SelectHTMLAttributes<HTMLSelectElement> & { label: string; errors?: string[]; children: ReactNode };

/** A labelled select whose errors (i18n keys) are announced and tied to the field, like TextField. */
export const SelectField = forwardRef<HTMLSelectElement, Props>(function SelectField({ label, errors, id, className = '', children, ...props }, ref) {
  const t = useT();
  const autoId = useId();
  const selectId = id ?? autoId;
  const errorId = `${selectId}-error`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={selectId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        ref={ref}
        id={selectId}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={`rounded border bg-white px-3 py-2 text-sm ${invalid ? 'border-red-500' : 'border-slate-300'} focus:border-brand-600 disabled:bg-slate-50 disabled:text-slate-600`}
        {...props}
      >
        {children}
      </select>
      {invalid && (
        <p id={errorId} className="text-xs text-red-700">
          {errors!.map((e) => t(e)).join(' ')}
        </p>
      )}
    </div>
  );
});
