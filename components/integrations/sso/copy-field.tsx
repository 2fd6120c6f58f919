'use client';

import { useId } from 'react';
import { useT } from '@/components/i18n-provider';
import { CopyButton } from '@/components/ui/copy-button';

/** A labelled read-only value the admin copies into the identity provider, with its Copy button. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const t = useT();
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-slate-50 px-3 py-1.5 font-mono text-xs text-slate-800"
        />
        <CopyButton value={value} label={t('sso.dialog.copy', { name: label })} />
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}
