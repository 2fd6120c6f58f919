'use client';

import { useEffect, useId, useState } from 'react';
import { useUrlState } from '@/components/data-table/use-url-state';

/** Search as you type into the URL's `q`, debounced; back/forward puts the URL's value back. */
export function SearchBox({ query, label }: { query: string; label: string }) {
  const { set } = useUrlState();
  const id = useId();
  const [search, setSearch] = useState(query);
  const [shown, setShown] = useState(query);
  if (query !== shown) {
    setShown(query);
    if (query !== search.trim()) setSearch(query);
  }

  useEffect(() => {
    if (search.trim() === query) return;
    const timer = setTimeout(() => set({ q: search.trim() || null }), 250);
    return () => clearTimeout(timer);
  }, [search, query, set]);

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} type="search" value={search} maxLength={100} autoComplete="off" onChange={(e) => setSearch(e.target.value)} className="w-72 rounded border border-slate-300 px-3 py-2 text-sm" />
    </div>
  );
}
