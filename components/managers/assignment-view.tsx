'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { assignAccountsAction, unassignAccountsAction } from '@/app/(portal)/account-managers/actions';
import { DataTable } from '@/components/data-table/data-table';
import { useT } from '@/components/i18n-provider';
import { ConfirmDialog } from '@/components/import/confirm-dialog';
import { Button } from '@/components/ui/button';
import { operationsFor, type AssignmentView as View } from '@/lib/managers/schemas';
import { assignmentColumns, type AssignmentRow } from './assignment-columns';
import { JobFeedback } from './job-feedback';
import { SearchBox } from '@/components/data-table/search-box';
import { selectedIds } from './selection';
import { UrlTabs } from './url-tabs';
import { useManagersJob } from './use-managers-job';

interface Props {
  managers: { id: string; displayName: string }[];
  view: View;
  rows: AssignmentRow[];
  total: number;
  nextCursor: string | null;
  query: string;
  counts: Record<View, number>;
}

type Op = 'assign' | 'unassign';

/**
 * MGR-3: the accounts of the organisation as they relate to the selected account managers, in
 * tabs (one manager: Assigned / Not assigned; several: Assigned to all / to some / Not assigned),
 * with Assign / Unassign for the selected accounts, a confirmation and the job's progress.
 */
export function AssignmentView({ managers, view, rows, total, nextCursor, query, counts }: Props) {
  const t = useT();
  const [selection, setSelection] = useState<RowSelectionState>({});
  // Another tab lists other rows: what was ticked on the previous one no longer applies.
  const [shown, setShown] = useState(view);
  if (shown !== view) {
    setShown(view);
    setSelection({});
  }
  const [pending, setPending] = useState<Op | null>(null);
  const job = useManagersJob();
  const several = managers.length > 1;
  const columns = useMemo(() => assignmentColumns(t, view, managers.length), [t, view, managers.length]);
  const ids = selectedIds(selection);
  const managerIds = managers.map((m) => m.id);
  const names = managers.map((m) => m.displayName).join(', ');
  const views: View[] = several ? ['all', 'some', 'none'] : ['all', 'none'];
  const tabKey = several ? 'several' : 'single';

  const ask = (op: Op) => {
    job.clearErrors();
    setPending(op);
  };
  const confirm = async () => {
    const op = pending;
    if (!op) return;
    const ok = await job.start(() => (op === 'assign' ? assignAccountsAction(managerIds, ids) : unassignAccountsAction(managerIds, ids)));
    setPending(null);
    if (ok) setSelection({});
  };

  return (
    <UrlTabs
      label={t('managers.assign.tabsLabel')}
      param="view"
      idPrefix="assignment"
      current={view}
      tabs={views.map((v) => ({ value: v, label: t(`managers.assign.tabs.${tabKey}.${v}`, { n: counts[v] }) }))}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchBox query={query} label={t('managers.assign.search')} labelHidden />
        <div className="flex flex-wrap items-center gap-2">
          {ids.length > 0 && (
            <Button variant="ghost" onClick={() => setSelection({})}>
              {t('managers.list.clearSelection', { n: ids.length })}
            </Button>
          )}
          {operationsFor(view).map((op) => (
            <Button key={op} variant={op === 'assign' ? 'primary' : 'secondary'} aria-haspopup="dialog" disabled={ids.length === 0 || job.job !== null} onClick={() => ask(op)}>
              {t(`managers.assign.actions.${op}`)}
            </Button>
          ))}
        </div>
      </div>
      <JobFeedback errors={job.errors} job={job.job} onClose={job.closeJob} />
      <DataTable
        label={t('managers.assign.tableLabel')}
        columns={columns}
        rows={rows}
        rowId={(r) => r.id}
        total={total}
        nextCursor={nextCursor}
        selection={selection}
        onSelectionChange={setSelection}
        emptyMessage={t(query ? 'managers.assign.noMatches' : `managers.assign.empty.${view}`)}
      />
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(`managers.confirm.${pending}.title`, { count: ids.length }) : ''}
        description={pending ? t(`managers.confirm.${pending}.description`, { count: ids.length, managers: names }) : ''}
        confirmLabel={pending ? t(`managers.confirm.${pending}.confirm`) : ''}
        dismissLabel={t('common.cancel')}
        busy={job.busy}
        onConfirm={() => void confirm()}
        onDismiss={() => setPending(null)}
      />
    </UrlTabs>
  );
}
