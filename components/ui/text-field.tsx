'use client';

import { forwardRef, useId, type InputHTMLAttributes } from 'react';
import { useT } from '@/components/i18n-provider';

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; errors?: string[]; hint?: string };

/** A labelled input whose errors (i18n keys) are announced and tied to the field. */
export const TextField = forwardRef<HTMLInputElement, Props>(function TextField({ label, errors, hint, id, className = '', ...props }, ref) {
  const t = useT();
  const autoId = useId();
  const inputId = id ?? autoId;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        ref={ref}
        id={inputId}
        aria-invalid={invalid || undefined}
        aria-describedby={[invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined}
        className={`rounded border px-3 py-2 text-sm ${invalid ? 'border-red-500' : 'border-slate-300'} focus:border-brand-600`}
        {...props}
      />
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="text-xs text-red-700">
          {errors!.map((e) => t(e)).join(' ')}
        </p>
      )}
    </div>
  );
});
