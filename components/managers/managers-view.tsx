'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { convertToManagersAction, upgradeToAdminsAction } from '@/app/(portal)/account-managers/actions';
import { DataTable } from '@/components/data-table/data-table';
import { useT } from '@/components/i18n-provider';
import { ConfirmDialog } from '@/components/import/confirm-dialog';
import { Button } from '@/components/ui/button';
import type { PartnerAdminRow } from '@/lib/managers/list-admins';
import type { ManagerTab } from '@/lib/managers/schemas';
import { adminColumns } from './admin-columns';
import { JobFeedback } from './job-feedback';
import { SearchBox } from './search-box';
import { selectedIds } from './selection';
import { UrlTabs } from './url-tabs';
import { useManagersJob } from './use-managers-job';

interface Props {
  tab: ManagerTab;
  rows: PartnerAdminRow[];
  total: number;
  nextCursor: string | null;
  query: string;
  counts: { managers: number; admins: number };
}

type Pending = 'convert' | 'upgrade' | null;

/**
 * MGR-1..4: the tabs Account managers | Admins, the selection (kept across pages; the signed-in
 * admin cannot be selected), Convert / Manage / Upgrade selected, their confirmation and progress.
 */
export function ManagersView({ tab, rows, total, nextCursor, query, counts }: Props) {
  const t = useT();
  const router = useRouter();
  const [selection, setSelection] = useState<RowSelectionState>({});
  // Another tab lists other rows: what was ticked on the previous one no longer applies.
  const [shown, setShown] = useState(tab);
  if (shown !== tab) {
    setShown(tab);
    setSelection({});
  }
  const [pending, setPending] = useState<Pending>(null);
  const job = useManagersJob();
  const columns = useMemo(() => adminColumns(t, tab), [t, tab]);
  const ids = selectedIds(selection);
  const n = ids.length;

  const ask = (op: NonNullable<Pending>) => {
    job.clearErrors();
    setPending(op);
  };
  const confirm = async () => {
    const op = pending;
    if (!op) return;
    const ok = await job.start(() => (op === 'convert' ? convertToManagersAction(ids) : upgradeToAdminsAction(ids)));
    setPending(null);
    if (ok) setSelection({});
  };

  return (
    <UrlTabs
      label={t('managers.tabs.label')}
      param="tab"
      idPrefix="managers"
      current={tab}
      tabs={[
        { value: 'managers', label: t('managers.tabs.managers', { n: counts.managers }) },
        { value: 'admins', label: t('managers.tabs.admins', { n: counts.admins }) },
      ]}
    >
      <p className="text-sm text-slate-600">{t(tab === 'managers' ? 'managers.list.managersIntro' : 'managers.list.adminsIntro')}</p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchBox query={query} label={t('managers.list.search')} />
        <div className="flex flex-wrap items-center gap-2">
          {n > 0 && (
            <Button variant="ghost" onClick={() => setSelection({})}>
              {t('managers.list.clearSelection', { n })}
            </Button>
          )}
          {tab === 'admins' ? (
            <Button disabled={n === 0 || job.job !== null} aria-haspopup="dialog" onClick={() => ask('convert')}>
              {t('managers.actions.convert')}
            </Button>
          ) : (
            <>
              <Button variant="secondary" disabled={n === 0} onClick={() => router.push(`/account-managers/assign?managers=${ids.join(',')}`)}>
                {t('managers.actions.manage')}
              </Button>
              <Button variant="secondary" disabled={n === 0 || job.job !== null} aria-haspopup="dialog" onClick={() => ask('upgrade')}>
                {t('managers.actions.upgrade')}
              </Button>
            </>
          )}
        </div>
      </div>
      <JobFeedback errors={job.errors} job={job.job} onClose={job.closeJob} />
      <DataTable
        label={t(tab === 'managers' ? 'managers.list.managersLabel' : 'managers.list.adminsLabel')}
        columns={columns}
        rows={rows}
        rowId={(r) => r.id}
        total={total}
        nextCursor={nextCursor}
        selection={selection}
        onSelectionChange={(next) => setSelection(Object.fromEntries(Object.entries(next).filter(([id]) => !rows.some((r) => r.id === id && r.isSelf))))}
        emptyMessage={t(query ? 'managers.list.noMatches' : tab === 'managers' ? 'managers.list.noManagers' : 'managers.list.noAdmins')}
      />
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(`managers.confirm.${pending}.title`, { count: n }) : ''}
        description={pending ? t(`managers.confirm.${pending}.description`, { count: n }) : ''}
        confirmLabel={pending ? t(`managers.confirm.${pending}.confirm`) : ''}
        dismissLabel={t('common.cancel')}
        busy={job.busy}
        onConfirm={() => void confirm()}
        onDismiss={() => setPending(null)}
      />
    </UrlTabs>
  );
}
