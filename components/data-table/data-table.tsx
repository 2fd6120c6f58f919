'use client';

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/components/i18n-provider';
import { useUrlState } from './use-url-state';

export interface DataTableProps<Row> {
  /** Accessible name of the table. */
  label: string;
  columns: ColumnDef<Row>[];
  rows: Row[];
  rowId: (row: Row) => string;
  total: number;
  nextCursor: string | null;
  /** Column ids the server can sort by. */
  sortable?: string[];
  selection?: RowSelectionState;
  onSelectionChange?: (selection: RowSelectionState) => void;
  emptyMessage: string;
}

/**
 * A server-driven TanStack table: rows, sort and paging come from the server; sort and the page
 * cursor live in the URL (`sort`, `dir`, `cursor`). Paging is keyset-based (Next / First page).
 */
export function DataTable<Row>({ label, columns, rows, rowId, total, nextCursor, sortable = [], selection, onSelectionChange, emptyMessage }: DataTableProps<Row>) {
  const t = useT();
  const { params, set, pending } = useUrlState();
  const sorting: SortingState = useMemo(() => {
    const id = params.get('sort');
    return id ? [{ id, desc: params.get('dir') === 'desc' }] : [];
  }, [params]);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is not compiler-memoisable; this component is not memoised
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: rowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableRowSelection: Boolean(onSelectionChange),
    state: { sorting, rowSelection: selection ?? {} },
    onRowSelectionChange: (updater) => {
      if (!onSelectionChange) return;
      onSelectionChange(typeof updater === 'function' ? updater(selection ?? {}) : updater);
    },
  });

  const onFirstPage = !params.get('cursor');
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table aria-label={label} aria-busy={pending} className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const canSort = sortable.includes(header.column.id);
                  const sorted = sorting[0]?.id === header.column.id ? (sorting[0].desc ? 'descending' : 'ascending') : undefined;
                  const content = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted ?? (canSort ? 'none' : undefined)} className="px-3 py-2 font-medium">
                      {canSort ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 hover:text-slate-900"
                          onClick={() => set({ sort: header.column.id, dir: sorted === 'ascending' ? 'desc' : 'asc' })}
                        >
                          {content}
                          <span aria-hidden>{sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-500">
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} aria-selected={onSelectionChange ? row.getIsSelected() : undefined} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-2 align-top">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label={t('table.pagination')} className="flex items-center justify-between text-sm text-slate-600">
        <p aria-live="polite">{t('table.total', { count: total })}</p>
        <div className="flex gap-2">
          <button type="button" className="rounded border border-slate-300 px-3 py-1 disabled:text-slate-400" disabled={onFirstPage} onClick={() => set({ cursor: null })}>
            {t('table.firstPage')}
          </button>
          <button
            type="button"
            className="rounded border border-slate-300 px-3 py-1 disabled:text-slate-400"
            disabled={!nextCursor}
            onClick={() => nextCursor && set({ cursor: nextCursor }, { keepCursor: true })}
          >
            {t('table.nextPage')}
          </button>
        </div>
      </nav>
    </div>
  );
}

/** A header checkbox and row checkboxes for selectable tables. */
export function selectionColumn<Row>(labels: { all: string; row: (row: Row) => string }): ColumnDef<Row> {
  return {
    id: 'select',
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label={labels.all}
        checked={table.getIsAllRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomeRowsSelected();
        }}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => <input type="checkbox" aria-label={labels.row(row.original)} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
  };
}
