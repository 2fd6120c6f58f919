'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { gatewaySupportAction } from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import { useT } from '@/components/i18n-provider';
import { actionError } from '@/components/integrations/labels';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';
import type { SupportInput } from '@/lib/gateway/schemas';
import { TaskProgress } from './task-progress';

const LOG_KINDS = ['system', 'pbxLink', 'cloudConnection', 'sync'] as const;

interface Props {
  accountId: string;
  softwareVersion: string;
  latestVersion: string;
  updateAvailable: boolean;
  scheduledUpdate: { version: string; at: string } | null;
}

/** SUP-4: the gateway support page's actions, each a job whose progress and result show here. */
export function GatewaySupportView({ accountId, softwareVersion, latestVersion, updateAvailable, scheduledUpdate }: Props) {
  const t = useT();
  const { i18n } = useTranslation();
  const [task, setTask] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<(typeof LOG_KINDS)[number]>('system');
  const [extension, setExtension] = useState('');
  const [seconds, setSeconds] = useState('30');
  const [at, setAt] = useState('');
  const run = async (request: SupportInput | Record<string, unknown>) => {
    setError(null);
    const res = await gatewaySupportAction(accountId, request);
    if (res.ok) setTask(res.data.notificationId);
    else setError(actionError(t, res));
  };
  const on = (fn: () => void) => (e: FormEvent) => {
    e.preventDefault();
    fn();
  };
  const busy = task !== null;
  const when = (iso: string) => dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const block = (title: string, children: ReactNode) => (
    <Panel title={title} level={3}>
      {children}
    </Panel>
  );
  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      {task && <TaskProgress notificationId={task} onFinished={() => undefined} onClose={() => setTask(null)} />}
      {block(
        t('gateway.support.logs'),
        <form onSubmit={on(() => void run({ action: 'fetchLogs', kind }))} className="flex flex-wrap items-end gap-3">
          <SelectField label={t('gateway.support.logKind')} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {LOG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`gateway.support.logKinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary" disabled={busy}>
            {t('gateway.support.fetch')}
          </Button>
        </form>,
      )}
      {block(
        t('gateway.support.trace'),
        <form onSubmit={on(() => void run({ action: 'callTrace', extension, seconds }))} className="flex flex-wrap items-end gap-3">
          <TextField label={t('gateway.support.traceExtension')} value={extension} onChange={(e) => setExtension(e.target.value)} inputMode="numeric" />
          <TextField label={t('gateway.support.traceSeconds')} value={seconds} onChange={(e) => setSeconds(e.target.value)} inputMode="numeric" className="w-36" />
          <Button type="submit" variant="secondary" disabled={busy || !extension.trim()}>
            {t('gateway.support.startTrace')}
          </Button>
        </form>,
      )}
      {block(
          t('gateway.support.restart'),
          <div className="flex flex-col gap-2">
            <p className="text-sm text-slate-600">{t('gateway.support.restartHint')}</p>
            <Button variant="danger" className="self-start" disabled={busy} onClick={() => void run({ action: 'restart' })}>
              {t('gateway.support.restartConfirm')}
            </Button>
          </div>,
        )}
      {block(
        t('gateway.support.update'),
        <div className="flex flex-col gap-3 text-sm">
          <p>{t('gateway.support.current', { version: softwareVersion })}</p>
          {updateAvailable ? <p className="font-medium text-amber-800">{t('gateway.support.available', { version: latestVersion })}</p> : <p>{t('gateway.support.upToDate')}</p>}
          {scheduledUpdate && <p suppressHydrationWarning>{t('gateway.support.scheduled', { version: scheduledUpdate.version, at: when(scheduledUpdate.at) })}</p>}
          {updateAvailable && (
            <form onSubmit={on(() => void run({ action: 'scheduleUpdate', at: at ? new Date(at).toISOString() : '' }))} className="flex flex-wrap items-end gap-3">
              <TextField label={t('gateway.support.updateAt')} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
              <Button type="submit" variant="secondary" disabled={busy || !at}>
                {t('gateway.support.scheduleUpdate')}
              </Button>
              <Button type="button" disabled={busy} onClick={() => void run({ action: 'performUpdate' })}>
                {t('gateway.support.updateNow')}
              </Button>
            </form>
          )}
        </div>,
      )}
    </div>
  );
}
