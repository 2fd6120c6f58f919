'use client';

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import type { MonitorView } from '@/lib/teams/monitors/read-monitors';
import { formatDay } from '../labels';
import { monitorReasonLabel, reasonLabel } from './labels';
import type { MonitorBusy } from './use-monitor-actions';

const STATUS_STYLE: Record<MonitorView['status'], { icon: string; className: string }> = {
  authorized: { icon: '✓', className: 'bg-green-100 text-green-800' },
  notAuthorized: { icon: '✕', className: 'bg-red-100 text-red-800' },
  needsUpdate: { icon: '!', className: 'bg-amber-100 text-amber-900' },
};

interface Props {
  monitors: MonitorView[];
  busy: MonitorBusy;
  onRetry: (m: MonitorView) => void;
  onRefresh: (m: MonitorView) => void;
  onResync: (m: MonitorView) => void;
  onDelete: (m: MonitorView) => Promise<boolean>;
}

/** TEAMS-4 the list of monitors: user name, authorization status with its reason, subscribed users, actions. */
export function MonitorsTable({ monitors, busy, onRetry, onRefresh, onResync, onDelete }: Props) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState<MonitorView | null>(null);

  if (monitors.length === 0) return <p className="text-sm text-slate-600">{t('teams.monitors.empty')}</p>;
  return (
    <>
      <div className="overflow-x-auto">
        <table aria-label={t('teams.monitors.listLabel')} className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('teams.monitors.columns.upn')}
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('teams.monitors.columns.status')}
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('teams.monitors.columns.subscribed')}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t('teams.monitors.columns.actions')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {monitors.map((m) => (
              <MonitorRow key={m.id} monitor={m} busy={busy} onRetry={onRetry} onRefresh={onRefresh} onResync={onResync} onDelete={setDeleting} />
            ))}
          </tbody>
        </table>
      </div>
      <Modal open={deleting !== null} title={t('teams.monitors.deleteTitle')} onClose={() => setDeleting(null)}>
        {deleting && (
          <>
            <p className="text-sm text-slate-700">{t('teams.monitors.deleteText', { upn: deleting.upn })}</p>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setDeleting(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                variant="danger"
                disabled={busy !== null}
                onClick={() => void onDelete(deleting).then((done) => done && setDeleting(null))}
              >
                {t('teams.monitors.actions.delete')}
              </Button>
            </div>
          </>
        )}
      </Modal>
    </>
  );
}

function MonitorRow({ monitor: m, busy, onRetry, onRefresh, onResync, onDelete }: Omit<Props, 'monitors' | 'onDelete'> & { monitor: MonitorView; onDelete: (m: MonitorView) => void }) {
  const { t, i18n } = useTranslation();
  const upnId = useId();
  const style = STATUS_STYLE[m.status];
  const reason = m.status === 'authorized' ? '' : monitorReasonLabel(t, m.statusReason, m.status);
  const disabled = busy !== null;
  // Each action's name stays its own ("Delete"); the monitor it acts on is its description.
  const action = { variant: 'secondary' as const, className: 'px-2 py-1 text-xs', 'aria-describedby': upnId, disabled };
  return (
    <tr className="align-top">
      <td className="py-2 pr-3">
        <span id={upnId} className="break-all font-medium">
          {m.upn}
        </span>
        {m.clientSecret.setAt && (
          <span className="block text-xs text-slate-600" suppressHydrationWarning>
            {t('teams.monitors.secretSetOn', { date: formatDay(m.clientSecret.setAt, i18n.language) })}
          </span>
        )}
      </td>
      <td className="py-2 pr-3">
        <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${style.className}`}>
          <span aria-hidden>{style.icon}</span>
          <span>{t(`teams.monitors.status.${m.status}`)}</span>
        </span>
        {reason && <span className="mt-1 block text-xs text-slate-700">{reason}</span>}
      </td>
      <td className="py-2 pr-3">
        <span>{m.subscribedUsers}</span>
        {m.subscriptionError && <span className="block text-xs text-red-800">{t('teams.monitors.subscriptionError', { reason: reasonLabel(t, m.subscriptionError) })}</span>}
      </td>
      <td className="py-2">
        <div className="flex flex-wrap gap-1.5">
          {m.status === 'notAuthorized' && (
            <Button {...action} onClick={() => onRetry(m)}>
              {t('teams.monitors.actions.retry')}
            </Button>
          )}
          <Button {...action} onClick={() => onRefresh(m)}>
            {t('teams.monitors.actions.refresh')}
          </Button>
          <Button {...action} aria-busy={busy === `resync:${m.id}`} onClick={() => onResync(m)}>
            {t('teams.monitors.actions.resync')}
          </Button>
          <Button {...action} className="px-2 py-1 text-xs text-red-700" aria-haspopup="dialog" onClick={() => onDelete(m)}>
            {t('teams.monitors.actions.delete')}
          </Button>
        </div>
      </td>
    </tr>
  );
}
