'use client';

import { useEffect, useRef, useState } from 'react';
import {
  authorizeMonitorAction,
  createMonitorLinkAction,
  deleteMonitorAction,
  resyncMonitorStatusAction,
} from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { useT } from '@/components/i18n-provider';
import type { MonitorView } from '@/lib/teams/monitors/read-monitors';
import { actionError } from '../labels';
import { monitorReasonLabel } from './labels';

export type MonitorNotice = { tone: 'success' | 'error' | 'info'; text: string } | null;
/** "Add monitor", or "Refresh" of one monitor: its user name fixed, a new client secret asked. */
export type MonitorFormMode = { kind: 'add' } | { kind: 'refresh'; upn: string };
export type MonitorCredentialsValues = { upn: string; clientSecret: string };
/** What is running: the password step's authorisation, a link, or an action on one monitor. */
export type MonitorBusy = 'authorize' | 'link' | `resync:${string}` | `delete:${string}` | null;

/** Subscriptions are rebuilt by a job after an authorisation: the subscribed users show a moment later. */
const SETTLE_MS = 3000;

/**
 * TEAMS-4 monitor actions of the dialog: "Authorize now" (asks the monitor's password, used once
 * and never kept), "Copy URL", Retry, Refresh, "Resync status" and Delete. `reload` reads the
 * monitors again after each of them.
 */
export function useMonitorActions(accountId: string, reload: () => void) {
  const t = useT();
  const [mode, setMode] = useState<MonitorFormMode>({ kind: 'add' });
  /** Remounts the form: cleared after a monitor is saved, prefilled for a refresh. */
  const [formKey, setFormKey] = useState(0);
  const [pending, setPending] = useState<MonitorCredentialsValues | null>(null);
  const [busy, setBusy] = useState<MonitorBusy>(null);
  const [notice, setNotice] = useState<MonitorNotice>(null);
  const [link, setLink] = useState<string | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (settle.current) clearTimeout(settle.current);
    },
    [],
  );

  const outcome = (upn: string, authorized: boolean, reason: string | null, status?: string): MonitorNotice => {
    if (authorized) return { tone: 'success', text: t('teams.monitors.authorized', { upn }) };
    const why = monitorReasonLabel(t, reason === 'unknown' ? null : reason, status);
    return { tone: 'error', text: why ? t('teams.monitors.notAuthorized', { upn, reason: why }) : t('teams.monitors.notAuthorizedPlain', { upn }) };
  };

  const toAdd = () => {
    setMode({ kind: 'add' });
    setFormKey((k) => k + 1);
  };
  const begin = () => {
    setNotice(null);
    setLink(null);
  };

  /** "Authorize now" of the form, or Retry of a Not authorized monitor (its stored secret). */
  const askPassword = (values: MonitorCredentialsValues) => {
    begin();
    setPending(values);
  };

  const authorize = async (password: string): Promise<string[] | undefined> => {
    if (!pending) return undefined;
    setBusy('authorize');
    setNotice(null);
    const res = await authorizeMonitorAction({ accountId, upn: pending.upn, clientSecret: pending.clientSecret, password });
    setBusy(null);
    if (!res.ok) {
      if (res.fieldErrors.password?.length) return res.fieldErrors.password;
      setNotice({ tone: 'error', text: actionError(t, res) });
      return undefined;
    }
    setNotice(outcome(pending.upn, res.data.authorized, res.data.authorized ? null : res.data.reason));
    setPending(null);
    toAdd();
    reload();
    if (res.data.authorized) {
      if (settle.current) clearTimeout(settle.current);
      settle.current = setTimeout(reload, SETTLE_MS);
    }
    return undefined;
  };

  const copyUrl = async (values: MonitorCredentialsValues) => {
    begin();
    setPending(null);
    setBusy('link');
    const res = await createMonitorLinkAction({ accountId, ...values });
    setBusy(null);
    if (!res.ok) return res;
    // Shown as well, for a clipboard the browser refuses and for reading what was copied.
    setLink(res.data.url);
    try {
      await navigator.clipboard.writeText(res.data.url);
      setNotice({ tone: 'success', text: t('teams.monitors.copied', { upn: values.upn }) });
    } catch {
      setNotice({ tone: 'info', text: t('teams.monitors.copyByHand') });
    }
    toAdd();
    reload();
    return res;
  };

  const refresh = (m: MonitorView) => {
    begin();
    setPending(null);
    setMode({ kind: 'refresh', upn: m.upn });
    setFormKey((k) => k + 1);
  };

  const resync = async (m: MonitorView) => {
    begin();
    setBusy(`resync:${m.id}`);
    const res = await resyncMonitorStatusAction(accountId, m.id);
    setBusy(null);
    setNotice(res.ok ? outcome(m.upn, res.data.status === 'authorized', res.data.reason, res.data.status) : { tone: 'error', text: actionError(t, res) });
    reload();
  };

  const remove = async (m: MonitorView): Promise<boolean> => {
    begin();
    setBusy(`delete:${m.id}`);
    const res = await deleteMonitorAction(accountId, m.id);
    setBusy(null);
    if (!res.ok) {
      setNotice({ tone: 'error', text: actionError(t, res) });
      return false;
    }
    setNotice({ tone: 'success', text: t('teams.monitors.deleted', { upn: m.upn }) });
    if (pending?.upn === m.upn) setPending(null);
    if (mode.kind === 'refresh' && mode.upn === m.upn) toAdd();
    reload();
    return true;
  };

  return {
    mode,
    formKey,
    pending,
    busy,
    notice,
    link,
    askPassword,
    cancelPassword: () => setPending(null),
    authorize,
    copyUrl,
    retry: (m: MonitorView) => askPassword({ upn: m.upn, clientSecret: '' }),
    refresh,
    cancelRefresh: toAdd,
    resync,
    remove,
  };
}
