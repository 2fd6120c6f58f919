'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestBulkAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { DataTable } from '@/components/data-table/data-table';
import { Button } from '@/components/ui/button';
import type { BulkAction } from '@/lib/users/bulk-actions';
import type { ProductFilter, PropertyFilter } from '@/lib/users/schemas';
import { BulkProgress } from './bulk-progress';
import { userColumns, type UserRow } from './columns';
import { ManagePanel } from './manage-panel';
import { UsersToolbar } from './users-toolbar';

interface Props {
  accountId: string;
  rows: UserRow[];
  total: number;
  nextCursor: string | null;
  query: string;
  filter: PropertyFilter | null;
  product: ProductFilter | null;
  products: ProductFilter[];
  /** The Manage panel's actions this actor may use; empty hides the panel and the checkboxes. */
  bulkActions: BulkAction[];
  /** The actor may change licences in the Manage panel (Users "Edit"). */
  licences: boolean;
}

/**
 * USR-1 and USR-5 on one page: the list, its selection and the Manage panel. The selection is
 * kept while paging, so a selection can span pages; "Clear selection" empties it.
 */
export function UsersList({ accountId, rows, total, nextCursor, query, filter, product, products, bulkActions, licences }: Props) {
  const { t, i18n } = useTranslation();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [panelOpen, setPanelOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<string | null>(null);
  const selectable = bulkActions.length > 0;
  const columns = useMemo(() => userColumns(t, i18n.language, accountId, selectable), [t, i18n.language, accountId, selectable]);
  const selectedIds = useMemo(() => Object.keys(selection).filter((id) => selection[id]), [selection]);

  const start = async (action: BulkAction) => {
    setBusy(true);
    setError(null);
    const res = await requestBulkAction(accountId, action, selectedIds.length ? selectedIds : null);
    setBusy(false);
    if (!res.ok) {
      setError(res.formError ?? 'errors.unexpected');
      return;
    }
    setPanelOpen(false);
    setSelection({});
    setJob(res.data.notificationId);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <UsersToolbar query={query} filter={filter} product={product} products={products} />
        {selectable && (
          <div className="flex items-center gap-2">
            {selectedIds.length > 0 && (
              <Button variant="ghost" onClick={() => setSelection({})}>
                {t('users.list.clearSelection')}
              </Button>
            )}
            <Button
              variant="secondary"
              aria-haspopup="dialog"
              disabled={job !== null}
              onClick={() => {
                setError(null);
                setPanelOpen(true);
              }}
            >
              {selectedIds.length ? t('users.manage.openSelected', { count: selectedIds.length }) : t('users.manage.openAll')}
            </Button>
          </div>
        )}
      </div>
      {job && <BulkProgress key={job} notificationId={job} onClose={() => setJob(null)} />}
      <DataTable
        label={t('users.list.label')}
        columns={columns}
        rows={rows}
        rowId={(r) => r.id}
        total={total}
        nextCursor={nextCursor}
        sortable={['name', 'email', 'modified']}
        selection={selectable ? selection : undefined}
        onSelectionChange={selectable ? setSelection : undefined}
        emptyMessage={query || filter || product ? t('users.list.noMatches') : t('users.list.empty')}
      />
      {selectable && (
        <ManagePanel
          open={panelOpen}
          accountId={accountId}
          actions={bulkActions}
          selectedIds={selectedIds}
          licences={licences}
          busy={busy}
          error={error}
          onStart={start}
          onClose={() => setPanelOpen(false)}
        />
      )}
    </div>
  );
}
