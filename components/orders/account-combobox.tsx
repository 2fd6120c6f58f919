'use client';

import { useEffect, useId, useState } from 'react';
import { searchOrderAccountsAction } from '@/app/(portal)/orders/actions';
import { useT } from '@/components/i18n-provider';
import { useCombobox } from '@/components/ui/use-combobox';
import type { AccountOption } from './types';

interface Props {
  value: AccountOption | null;
  onChange: (next: AccountOption | null) => void;
  error?: string | null;
}

/**
 * ORD-3 "Company": type to find one of the partner's accounts in scope (WAI-ARIA combobox with a
 * listbox: arrows move, Enter picks, Escape closes). Typing again drops the chosen account.
 */
export function AccountCombobox({ value, onChange, error }: Props) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState(value?.name ?? '');
  // The results with the term they answer: results of an earlier term are never shown or picked,
  // so typing a name quickly and pressing Enter can't choose another customer's account.
  const [result, setResult] = useState<{ term: string; matches: AccountOption[] } | null>(null);
  const term = query.trim();
  const searched = result?.term === term;
  const matches = searched ? result.matches : [];
  const listId = `${id}-list`;
  const pick = (option: AccountOption) => {
    onChange(option);
    setQuery(option.name);
    combo.closeList();
  };
  const combo = useCombobox({ listId, options: matches, hasList: searched, onPick: pick });
  const { open, expanded, active, resetActive } = combo;

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const res = await searchOrderAccountsAction(term);
      if (!cancelled && res.ok) {
        setResult({ term, matches: res.data });
        resetActive();
      }
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [term, open, resetActive]);

  const inputId = `${id}-input`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {t('orders.page.assignDialog.company')}
      </label>
      <div className="relative">
        <input
          id={inputId}
          {...combo.inputProps}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            if (value) onChange(null);
            combo.openList();
          }}
          className={`w-full rounded border px-3 py-2 text-sm ${error ? 'border-red-500' : 'border-slate-300'}`}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={t('orders.page.assignDialog.company')}
          hidden={!expanded}
          className="absolute left-0 top-full z-20 mt-1 max-h-60 w-full overflow-y-auto rounded border border-slate-200 bg-white py-1 shadow-lg"
        >
          {matches.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled className="px-3 py-1.5 text-sm text-slate-500">
              {t('orders.page.assignDialog.noMatches')}
            </li>
          ) : (
            matches.map((m, i) => (
              <li
                key={m.id}
                {...combo.optionProps(i)}
                className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? 'bg-brand-50' : ''}`}
              >
                {m.name}
              </li>
            ))
          )}
        </ul>
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        {t('orders.page.assignDialog.hint')}
      </p>
      {error && (
        <p id={errorId} className="text-xs text-red-700">
          {t(error)}
        </p>
      )}
    </div>
  );
}
