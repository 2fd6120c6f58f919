'use client';

import { useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { accountColumns, type AccountRow } from '@/components/data-table/accounts/columns';
import { SearchBox } from '@/components/data-table/search-box';
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
  const columns = useMemo(() => accountColumns(t), [t]);

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
        <SearchBox query={query} label={t('accounts.search')} />
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
