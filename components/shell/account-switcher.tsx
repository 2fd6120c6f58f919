'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { searchAccountsAction } from '@/app/(portal)/actions';
import { useT } from '@/components/i18n-provider';

/** SHELL-3: partners search their customer accounts and jump into one (arrow keys + Enter). */
export function AccountSwitcher() {
  const t = useT();
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ id: string; name: string }[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const res = await searchAccountsAction(query);
      if (!cancelled && res.ok) {
        setResults(res.data);
        setActive(0);
      }
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, open]);

  const go = (id: string) => {
    setOpen(false);
    setQuery('');
    router.push(`/accounts/${id}`);
  };

  return (
    <div className="relative">
      <input
        role="combobox"
        aria-label={t('header.accountSearch')}
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results[active] ? `${listId}-${results[active]!.id}` : undefined}
        placeholder={t('header.accountSearchPlaceholder')}
        value={query}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && results[active]) go(results[active]!.id);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
        className="w-64 rounded border border-brand-700 bg-brand-900 px-3 py-1.5 text-sm text-white placeholder:text-brand-100"
      />
      {open && results.length > 0 && (
        <ul id={listId} role="listbox" aria-label={t('header.accountSearch')} className="absolute right-0 z-20 mt-1 w-64 rounded border border-slate-200 bg-white py-1 text-slate-800 shadow-lg">
          {results.map((r, i) => (
            <li
              key={r.id}
              id={`${listId}-${r.id}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                go(r.id);
              }}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? 'bg-brand-50' : ''}`}
            >
              {r.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
