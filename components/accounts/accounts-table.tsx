'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { accountColumns, type AccountRow } from '@/components/data-table/accounts/columns';
import { useUrlState } from '@/components/data-table/use-url-state';
import { useT } from '@/components/i18n-provider';
import { ACCOUNT_VIEWS, type AccountView } from '@/lib/accounts/schemas';

interface Props {
  rows: AccountRow[];
  total: number;
  nextCursor: string | null;
  view: AccountView;
  query: string;
}

/** ACC-1: view (all / active / deactivated) and search-as-you-type in the URL; rows from the server. */
export function AccountsTable({ rows, total, nextCursor, view, query }: Props) {
  const t = useT();
  const { set } = useUrlState();
  const searchId = useId();
  const [search, setSearch] = useState(query);
  const [shownQuery, setShownQuery] = useState(query);
  const columns = useMemo(() => accountColumns(t), [t]);
  // Back/forward or a link changed the URL's search: show it in the box too.
  if (query !== shownQuery) {
    setShownQuery(query);
    if (query !== search.trim()) setSearch(query);
  }

  // Debounced, so typing a name costs one request per pause rather than one per key.
  useEffect(() => {
    if (search.trim() === query) return;
    const timer = setTimeout(() => set({ q: search.trim() || null }), 250);
    return () => clearTimeout(timer);
  }, [search, query, set]);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div role="group" aria-label={t('accounts.views.label')} className="inline-flex rounded border border-slate-300 bg-white p-0.5">
          {ACCOUNT_VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={v === view}
              onClick={() => set({ view: v === 'all' ? null : v })}
              className={`rounded px-3 py-1.5 text-sm ${v === view ? 'bg-brand-600 font-medium text-white' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {t(`accounts.views.${v}`)}
            </button>
          ))}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={searchId} className="text-sm font-medium text-slate-700">
            {t('accounts.search')}
          </label>
          <input
            id={searchId}
            type="search"
            value={search}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => setSearch(e.target.value)}
            className="w-72 rounded border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
      </div>
      <DataTable
        label={t('accounts.listLabel')}
        columns={columns}
        rows={rows}
        rowId={(r) => r.id}
        total={total}
        nextCursor={nextCursor}
        sortable={['name', 'created']}
        emptyMessage={t(query ? 'accounts.emptySearch' : 'accounts.empty')}
      />
    </div>
  );
}
