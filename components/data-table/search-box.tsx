'use client';

import { useEffect, useId, useState } from 'react';
import { useUrlState } from './use-url-state';

const SEARCH_DELAY_MS = 250;

/**
 * Search as you type into the URL's `q`, debounced, so typing a name costs one request per pause
 * rather than one per key. A change of the URL's `q` this box did not make (back button, a link)
 * replaces the text; its own echo does not.
 */
export function useUrlSearch(query: string): [string, (value: string) => void] {
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

  return [value, setValue];
}

/** A table's search field: a visible label above it, or (`labelHidden`) the label as its name and placeholder. */
export function SearchBox({ query, label, labelHidden = false }: { query: string; label: string; labelHidden?: boolean }) {
  const id = useId();
  const [value, setValue] = useUrlSearch(query);
  const input = (
    <input
      id={id}
      type="search"
      value={value}
      maxLength={100}
      autoComplete="off"
      onChange={(e) => setValue(e.target.value)}
      aria-label={labelHidden ? label : undefined}
      placeholder={labelHidden ? label : undefined}
      className="w-72 rounded border border-slate-300 px-3 py-2 text-sm"
    />
  );
  if (labelHidden) return input;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {input}
    </div>
  );
}
