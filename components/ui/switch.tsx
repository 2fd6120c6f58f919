'use client';

import type { ButtonHTMLAttributes } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onChange' | 'role'> & {
  checked: boolean;
  onChange: (next: boolean) => void;
};

/** A role="switch" toggle like the call-services one; name it with aria-label or aria-labelledby. */
export function Switch({ checked, onChange, disabled, className = '', ...props }: Props) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={`relative h-6 w-11 shrink-0 rounded-full transition disabled:cursor-not-allowed disabled:opacity-60 ${checked ? 'bg-brand-600' : 'bg-slate-400'} ${className}`}
      {...props}
    >
      <span aria-hidden className={`absolute top-0.5 h-5 w-5 rounded-full bg-white shadow transition-all ${checked ? 'left-[1.375rem]' : 'left-0.5'}`} />
    </button>
  );
}
