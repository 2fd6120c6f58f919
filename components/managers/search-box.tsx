'use client';

import { useEffect, useState } from 'react';
import { useUrlState } from '@/components/data-table/use-url-state';

const SEARCH_DELAY_MS = 250;

/** Search as you type into the URL's `q` (debounced); a change of the URL elsewhere replaces the text. */
export function SearchBox({ query, label }: { query: string; label: string }) {
  const { set } = useUrlState();
  const [value, setValue] = useState(query);
  const [sent, setSent] = useState(query);
  const [seen, setSeen] = useState(query);
  if (query !== seen) {
    setSeen(query);
    if (query !== sent) {
      setSent(query);
      setValue(query);
    }
  }

  useEffect(() => {
    const term = value.trim();
    if (term === sent) return;
    const timer = setTimeout(() => {
      setSent(term);
      set({ q: term || null });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, sent, set]);

  return (
    <input
      type="search"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      aria-label={label}
      placeholder={label}
      maxLength={100}
      autoComplete="off"
      className="w-72 rounded border border-slate-300 px-3 py-2 text-sm"
    />
  );
}
