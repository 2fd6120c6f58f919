'use client';

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { connectPbxAction, setSyncScheduleAction } from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import { useT } from '@/components/i18n-provider';
import { actionError } from '@/components/integrations/labels';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';
import type { GatewayWizardView } from '@/lib/gateway/read-gateway';
import { SyncWarnings } from './sync-warnings';

type Gw = NonNullable<GatewayWizardView['gateway']>;

/**
 * GW-2 step 3 "Connect" (SMBC: "Sync PBX"): connect the PBX, which runs the first sync; then the
 * sync schedule, "Sync now", and the warnings of the last sync. Next goes on to deployment.
 */
export function ConnectStep({ accountId, gateway, connected, canConfigure, onStarted, onNext }: { accountId: string; gateway: Gw; connected: boolean; canConfigure: boolean; onStarted: (id: string) => void; onNext: () => void }) {
  const t = useT();
  const { i18n } = useTranslation();
  const [minutes, setMinutes] = useState(String(gateway.syncIntervalMinutes));
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const smbc = gateway.platform === 'smbc';
  const start = async (mode: 'connect' | 'sync') => {
    setBusy(true);
    setMessage(null);
    const res = await connectPbxAction(accountId, mode);
    setBusy(false);
    if (res.ok) onStarted(res.data.notificationId);
    else setMessage({ tone: 'error', text: actionError(t, res) });
  };
  const saveSchedule = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const res = await setSyncScheduleAction(accountId, minutes);
    setBusy(false);
    setMessage(res.ok ? { tone: 'success', text: t('gateway.connect.scheduleSaved', { minutes: res.data.minutes }) } : { tone: 'error', text: actionError(t, res) });
  };
  const sync = gateway.lastSync;
  return (
    <div className="flex flex-col gap-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {!connected ? (
        <>
          <p className="text-sm text-slate-600">{t(smbc ? 'gateway.connect.introSmbc' : 'gateway.connect.intro')}</p>
          {canConfigure && (
            <Button onClick={() => void start('connect')} disabled={busy} className="self-start">
              {t(smbc ? 'gateway.connect.sync' : 'gateway.connect.connect')}
            </Button>
          )}
        </>
      ) : (
        <>
          <Alert tone="success">{t('gateway.connect.connected', { pbx: gateway.pbx.version ?? '' })}</Alert>
          {sync && (
            <p className="text-sm text-slate-700" suppressHydrationWarning>
              {t('gateway.connect.lastSync', { at: dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(sync.at)), created: sync.created, updated: sync.updated, inactivated: sync.inactivated })}
            </p>
          )}
          <p className="text-sm text-slate-700">{t('gateway.connect.monitored', { count: gateway.monitored })}</p>
          {sync && <SyncWarnings sync={sync} />}
          <form onSubmit={saveSchedule} noValidate className="flex flex-wrap items-end gap-3" aria-label={t('gateway.connect.schedule')}>
            <TextField
              label={t('gateway.connect.schedule')}
              hint={smbc ? t('gateway.connect.scheduleFixed') : t('gateway.connect.scheduleHint')}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              inputMode="numeric"
              disabled={smbc || !canConfigure}
              className="w-48"
            />
            {!smbc && canConfigure && (
              <Button type="submit" variant="secondary" disabled={busy}>
                {t('gateway.connect.saveSchedule')}
              </Button>
            )}
          </form>
          {canConfigure && (
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => void start('sync')} disabled={busy}>
                {t('gateway.connect.syncNow')}
              </Button>
              <Button onClick={onNext}>{t('gateway.next')}</Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
