'use client';

import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listScimActivityAction } from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Switch } from '@/components/ui/switch';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';
import type { ScimActivityRow } from '@/lib/provisioning/read-scim-setup';
import { actionError } from '../labels';
import { activityColumns } from './activity-columns';

/**
 * Beyond SCIM "Provisioning activity": what the IdP's client asked and how it was answered (30
 * days), newest first, in keyset pages with "Load more"; "Errors only" keeps 4xx/5xx answers.
 * The rows are the dialog's own state, not the page URL's (DataTable keeps its state in the URL).
 */
export function ScimActivity({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const toggleId = useId();
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [rows, setRows] = useState<ScimActivityRow[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const columns = useMemo(() => {
    const format = dateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
    return activityColumns(t, (iso) => format.format(new Date(iso)), accountId);
  }, [t, i18n.language, accountId]);

  const load = useCallback(
    async (onlyErrors: boolean, after: number | null) => {
      const mine = ++latest.current;
      setLoading(true);
      const res = await listScimActivityAction(accountId, onlyErrors, after);
      // Switching "Errors only" while a page loads: only the newest request's answer counts.
      if (mine !== latest.current) return;
      setLoading(false);
      if (!res.ok) {
        setError(actionError(t, res));
        return;
      }
      setError(null);
      setRows((current) => (after === null ? res.data.rows : [...current, ...res.data.rows]));
      setNext(res.data.next);
    },
    [accountId, t],
  );
  useEffect(() => {
    void load(errorsOnly, null);
  }, [load, errorsOnly]);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is not compiler-memoisable; this component is not memoised
  const table = useReactTable({ data: rows, columns, getRowId: (row) => String(row.id), getCoreRowModel: getCoreRowModel() });

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 border-t border-slate-200 pt-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={titleId} className="text-base font-semibold">
          {t('scim.activity.title')}
        </h3>
        <div className="flex items-center gap-2 text-sm">
          <Switch checked={errorsOnly} aria-labelledby={toggleId} onChange={setErrorsOnly} />
          <span id={toggleId}>{t('scim.activity.errorsOnly')}</span>
        </div>
      </div>
      <p className="text-xs text-slate-500">{t('scim.activity.retention')}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table aria-labelledby={titleId} aria-busy={loading} className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col" className="px-3 py-2 font-medium">
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-500">
                  {loading ? t('scim.activity.loading') : t(errorsOnly ? 'scim.activity.emptyErrors' : 'scim.activity.empty')}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
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
      <div className="flex items-center justify-between gap-3 text-sm text-slate-600">
        <p aria-live="polite">{rows.length > 0 && t('scim.activity.shown', { count: rows.length })}</p>
        {next !== null && (
          <Button variant="secondary" disabled={loading} onClick={() => void load(errorsOnly, next)}>
            {t('scim.activity.loadMore')}
          </Button>
        )}
      </div>
    </section>
  );
}
