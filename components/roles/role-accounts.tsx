'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { assignRoleAccountsAction, unassignRoleAccountsAction } from '@/app/(portal)/roles/actions';
import { DataTable } from '@/components/data-table/data-table';
import { useUrlState } from '@/components/data-table/use-url-state';
import { ConfirmDialog } from '@/components/import/confirm-dialog';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { RoleAccountRow } from '@/lib/roles/list-role-accounts';
import { ROLE_ACCOUNT_FILTERS, type RoleAccountFilter } from '@/lib/roles/schemas';
import { roleAccountColumns } from './role-account-columns';
import { SearchBox } from '@/components/data-table/search-box';

interface Props {
  roleId: string;
  roleName: string;
  rows: RoleAccountRow[];
  total: number;
  nextCursor: string | null;
  filter: RoleAccountFilter;
  query: string;
  /** Roles "Edit": assign and unassign (seed 2.14.5). */
  canEdit: boolean;
}

type Pending = { verb: 'assign' | 'unassign'; ids: string[] };

/**
 * ROLE-4, the Accounts tab: the partner's accounts in scope, filtered All / Assigned / Not
 * assigned and searchable (URL state), with a selection that survives paging and confirmed
 * Assign / Unassign.
 */
export function RoleAccounts({ roleId, roleName, rows, total, nextCursor, filter, query, canEdit }: Props) {
  const t = useT();
  const router = useRouter();
  const { set } = useUrlState();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const columns = useMemo(() => roleAccountColumns(t, canEdit), [t, canEdit]);
  const selected = Object.keys(selection).filter((id) => selection[id]);

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    const res = pending.verb === 'assign' ? await assignRoleAccountsAction(roleId, pending.ids) : await unassignRoleAccountsAction(roleId, pending.ids);
    setBusy(false);
    setPending(null);
    if (!res.ok) {
      setNotice({ tone: 'error', text: t(res.formError ?? Object.values(res.fieldErrors)[0]?.[0] ?? 'errors.unexpected', res.formParams ?? {}) });
      return;
    }
    const count = 'assigned' in res.data ? res.data.assigned : res.data.unassigned;
    setNotice({ tone: 'success', text: t(pending.verb === 'assign' ? 'roles.accounts.assigned' : 'roles.accounts.unassigned', { count }) });
    setSelection({});
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div role="group" aria-label={t('roles.accounts.filterLabel')} className="inline-flex rounded border border-slate-300 bg-white p-0.5">
          {ROLE_ACCOUNT_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={f === filter}
              onClick={() => set({ filter: f === 'all' ? null : f })}
              className={`rounded px-3 py-1.5 text-sm ${f === filter ? 'bg-brand-600 font-medium text-white' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {t(`roles.accounts.filters.${f}`)}
            </button>
          ))}
        </div>
        <SearchBox query={query} label={t('roles.accounts.search')} />
      </div>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {canEdit && (
        <div className="flex flex-wrap items-center gap-2">
          <p aria-live="polite" className="text-sm text-slate-600">
            {t('roles.accounts.selected', { count: selected.length })}
          </p>
          <Button disabled={selected.length === 0 || busy} onClick={() => setPending({ verb: 'assign', ids: selected })}>
            {t('roles.accounts.assign')}
          </Button>
          <Button variant="secondary" disabled={selected.length === 0 || busy} onClick={() => setPending({ verb: 'unassign', ids: selected })}>
            {t('roles.accounts.unassign')}
          </Button>
          {selected.length > 0 && (
            <Button variant="ghost" onClick={() => setSelection({})}>
              {t('roles.accounts.clearSelection')}
            </Button>
          )}
        </div>
      )}
      <DataTable
        label={t('roles.accounts.label', { name: roleName })}
        columns={columns}
        rows={rows}
        rowId={(r) => r.id}
        total={total}
        nextCursor={nextCursor}
        selection={canEdit ? selection : undefined}
        onSelectionChange={canEdit ? setSelection : undefined}
        emptyMessage={t(query || filter !== 'all' ? 'roles.accounts.noMatches' : 'roles.accounts.empty')}
      />
      <ConfirmDialog
        open={pending !== null}
        title={t(pending?.verb === 'unassign' ? 'roles.accounts.unassignTitle' : 'roles.accounts.assignTitle')}
        description={t(pending?.verb === 'unassign' ? 'roles.accounts.unassignDescription' : 'roles.accounts.assignDescription', { name: roleName, count: pending?.ids.length ?? 0 })}
        confirmLabel={t(pending?.verb === 'unassign' ? 'roles.accounts.unassign' : 'roles.accounts.assign')}
        dismissLabel={t('common.cancel')}
        busy={busy}
        onConfirm={confirm}
        onDismiss={() => setPending(null)}
      />
    </div>
  );
}
