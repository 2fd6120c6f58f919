'use client';

import type { RowSelectionState } from '@tanstack/react-table';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { convertToManagersAction, upgradeToAdminsAction } from '@/app/(portal)/account-managers/actions';
import { DataTable } from '@/components/data-table/data-table';
import { useT } from '@/components/i18n-provider';
import { ConfirmDialog } from '@/components/import/confirm-dialog';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { PartnerAdminRow } from '@/lib/managers/list-admins';
import type { ManagerTab } from '@/lib/managers/schemas';
import type { PartnerRoleChoice } from '@/lib/roles/partner-roles';
import { adminColumns } from './admin-columns';
import { JobFeedback } from './job-feedback';
import { SearchBox } from '@/components/data-table/search-box';
import { selectedIds } from './selection';
import { UrlTabs } from './url-tabs';
import { useManagersJob } from './use-managers-job';
import { useRoleChange } from './use-role-change';

interface Props {
  tab: ManagerTab;
  rows: PartnerAdminRow[];
  total: number;
  nextCursor: string | null;
  query: string;
  counts: { managers: number; admins: number };
  /** The roles a partner user can be given: Partner and the organisation's Partner-based roles. */
  roles: PartnerRoleChoice[];
}

type Pending = 'convert' | 'upgrade' | null;

/**
 * MGR-1..4: the tabs Account managers | Admins, the selection (kept across pages; the signed-in
 * admin cannot be selected), Convert / Manage / Upgrade selected, their confirmation and progress,
 * and each partner user's role, changed in its row (not the signed-in admin's own).
 */
export function ManagersView({ tab, rows, total, nextCursor, query, counts, roles }: Props) {
  const t = useT();
  const router = useRouter();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const role = useRoleChange();
  // Another tab lists other rows: what was ticked on the previous one no longer applies.
  const [shown, setShown] = useState(tab);
  if (shown !== tab) {
    setShown(tab);
    setSelection({});
    role.clear();
  }
  const [pending, setPending] = useState<Pending>(null);
  const job = useManagersJob();
  const columns = useMemo(() => adminColumns(t, tab, roles, role.save), [t, tab, roles, role.save]);
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
      <div>
        <p className="text-sm text-slate-600">{t(tab === 'managers' ? 'managers.list.managersIntro' : 'managers.list.adminsIntro')}</p>
        {/* Always present (and empty, taking no room, until a role is changed), so the confirmation is announced. */}
        <div role="status">
          {role.note?.tone === 'success' && <p className="mt-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">{role.note.text}</p>}
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SearchBox query={query} label={t('managers.list.search')} labelHidden />
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
      {role.note?.tone === 'error' && <Alert tone="error">{role.note.text}</Alert>}
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
