'use client';

import { useId } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import type { MonitorsView } from '@/lib/teams/monitors/read-monitors';
import { CopyField } from '../sso/copy-field';
import { MonitorForm } from './monitor-form';
import { MonitorPassword } from './monitor-password';
import { MonitorsTable } from './monitors-table';
import { useMonitorActions } from './use-monitor-actions';

interface Props {
  accountId: string;
  open: boolean;
  /** The monitors as last read (the row reads them too), or null before the first answer. */
  view: MonitorsView | null;
  loadError: string | null;
  reload: () => void;
  onClose: () => void;
}

/** TEAMS-4 "MS Teams to CloudLink Presence Configuration": the figures, "Add monitor" and the monitors. */
export function MonitorsDialog({ accountId, open, view, loadError, reload, onClose }: Props) {
  const t = useT();
  return (
    <Modal open={open} wide title={t('teams.monitors.title')} onClose={onClose}>
      {open &&
        (view ? (
          <MonitorsPanel accountId={accountId} view={view} loadError={loadError} reload={reload} onClose={onClose} />
        ) : loadError ? (
          <Alert tone="error">{loadError}</Alert>
        ) : (
          <p role="status" className="text-sm text-slate-600">
            {t('teams.loading')}
          </p>
        ))}
    </Modal>
  );
}

function MonitorsPanel({ accountId, view, loadError, reload, onClose }: Omit<Props, 'open' | 'view'> & { view: MonitorsView }) {
  const t = useT();
  const a = useMonitorActions(accountId, reload);
  return (
    <div className="flex max-h-[70vh] flex-col gap-4 overflow-y-auto">
      <p className="text-sm text-slate-600">{t('teams.monitors.intro')}</p>
      <MonitorFigures view={view} />
      {loadError && <Alert tone="error">{loadError}</Alert>}
      {/* Hidden, not unmounted, while the password is asked: Cancel finds the values again. */}
      <div hidden={a.pending !== null}>
        <MonitorForm
          key={a.formKey}
          accountId={accountId}
          mode={a.mode}
          busy={a.busy !== null}
          onAuthorize={a.askPassword}
          onCopyUrl={a.copyUrl}
          onCancel={a.cancelRefresh}
        />
      </div>
      {a.pending && <MonitorPassword upn={a.pending.upn} busy={a.busy === 'authorize'} onAuthorize={a.authorize} onCancel={a.cancelPassword} />}
      <div aria-live="polite" className="text-sm text-slate-700">
        {a.busy === 'authorize' && a.pending && <p>{t('teams.monitors.authorizing', { upn: a.pending.upn })}</p>}
        {a.busy === 'link' && <p>{t('teams.monitors.creatingLink')}</p>}
      </div>
      {a.notice && <Alert tone={a.notice.tone}>{a.notice.text}</Alert>}
      {a.link && <CopyField label={t('teams.monitors.url')} value={a.link} hint={t('teams.monitors.urlHint')} />}
      <MonitorsTable monitors={view.monitors} busy={a.busy} onRetry={a.retry} onRefresh={a.refresh} onResync={(m) => void a.resync(m)} onDelete={a.remove} />
      <div className="flex justify-end border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={onClose}>
          {t('teams.monitors.close')}
        </Button>
      </div>
    </div>
  );
}

/** The top of the dialog (seed 001 5589-5593): users to monitor, monitors needed, subscribed users, and missing monitors in red. */
function MonitorFigures({ view }: { view: MonitorsView }) {
  const t = useT();
  const hintId = useId();
  const { figures } = view;
  const missing = figures.missingMonitors > 0;
  return (
    <div className="flex flex-col gap-1 rounded border border-slate-200 bg-slate-50 p-3 text-sm">
      <ul aria-label={t('teams.monitors.figures')} aria-describedby={missing ? hintId : undefined} className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
        <li>{t('teams.monitors.usersToMonitor', { n: figures.usersToMonitor })}</li>
        <li>{t('teams.monitors.monitorsNeeded', { n: figures.monitorsNeeded })}</li>
        {view.syncFromTeams && <li>{t('teams.monitors.subscribedUsers', { n: figures.subscribedUsers })}</li>}
        {missing && (
          <li className="font-semibold text-red-800">
            <span aria-hidden>⚠ </span>
            <span>{t('teams.monitors.missingMonitors', { n: figures.missingMonitors })}</span>
          </li>
        )}
      </ul>
      {missing && (
        <p id={hintId} className="text-xs text-red-800">
          {t('teams.monitors.missingHint')}
        </p>
      )}
    </div>
  );
}
