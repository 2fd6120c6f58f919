'use client';

import { useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { lookupUserPresenceAction, resetPhoneStatusAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import type { UserPresenceReport } from '@/lib/teams/lookup-user-presence';
import { actionError } from '../labels';
import { PresenceReport } from './presence-report';
import { SyncMicollab } from './sync-micollab';

type Notice = { tone: 'success' | 'error'; text: string } | null;

/**
 * TEAMS-5 "User configuration": one user's presence end to end ("Get presence"), the report as
 * JSON for a support case ("Copy presence data"), "Reset phone status" for a phone stuck in a call,
 * and, with TEAMS-4 on, "Sync all MS Teams presence to MiCollab".
 */
export function VerifyUser({ accountId, syncFromTeams }: { accountId: string; syncFromTeams: boolean }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string[] | undefined>(undefined);
  const [report, setReport] = useState<UserPresenceReport | null>(null);
  const [busy, setBusy] = useState<'lookup' | 'reset' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [copied, setCopied] = useState(false);

  const lookup = async (address: string): Promise<boolean> => {
    setFieldError(undefined);
    setCopied(false);
    if (!address.trim()) {
      setFieldError(['errors.required']);
      return false;
    }
    setBusy('lookup');
    const res = await lookupUserPresenceAction(accountId, address.trim());
    setBusy(null);
    if (res.ok) {
      setReport(res.data);
      return true;
    }
    setReport(null);
    if (res.fieldErrors.email?.length) setFieldError(res.fieldErrors.email);
    else setNotice({ tone: 'error', text: actionError(t, res) });
    return false;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    await lookup(email);
  };

  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(JSON.stringify(report, null, 2));
      setCopied(true);
    } catch {
      setNotice({ tone: 'error', text: t('teams.userConfig.copyFailed') });
    }
  };

  const reset = async () => {
    if (!report) return;
    setNotice(null);
    setBusy('reset');
    const res = await resetPhoneStatusAction(accountId, report.email);
    setBusy(null);
    if (!res.ok) {
      setNotice({ tone: 'error', text: actionError(t, res) });
      return;
    }
    // The reset line state shows at once; Teams follows within moments.
    await lookup(report.email);
    setNotice({ tone: 'success', text: t('teams.userConfig.resetDone') });
  };

  return (
    <div className="flex flex-col gap-4 pt-4">
      <p className="text-sm text-slate-600">{t('teams.userConfig.intro')}</p>
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
        <TextField
          label={t('teams.userConfig.email')}
          type="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          className="min-w-64 flex-1"
          value={email}
          errors={fieldError}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Button type="submit" disabled={busy !== null} className={fieldError ? 'mb-6' : undefined}>
          {t('teams.userConfig.getPresence')}
        </Button>
      </form>
      <div aria-live="polite">
        {busy === 'lookup' && <p className="text-sm text-slate-700">{t('teams.userConfig.looking')}</p>}
      </div>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {report && (
        <>
          <PresenceReport report={report} />
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={() => void copy()}>
              {t('teams.userConfig.copy')}
            </Button>
            <Button variant="secondary" disabled={busy !== null || !report.pbx} onClick={() => void reset()}>
              {t('teams.userConfig.reset')}
            </Button>
            <span role="status" className="text-sm text-green-800">
              {copied ? t('common.copied') : ''}
            </span>
          </div>
        </>
      )}
      {syncFromTeams && <SyncMicollab accountId={accountId} />}
    </div>
  );
}
