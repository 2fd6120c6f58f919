'use client';

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { verifyTeamsAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { StoredCheck } from '@/db/schema/teams';
import { VERIFICATION_CHECKS, type VerificationCheck } from '@/lib/teams/verification-checks';
import { actionError, formatDay } from '../labels';
import { formatDateTime, reasonLabel } from './labels';

type Verification = { at: string; checks: StoredCheck[] };

const ICONS: Record<StoredCheck['status'], { icon: string; className: string }> = {
  ok: { icon: '✓', className: 'bg-green-100 text-green-800' },
  warning: { icon: '!', className: 'bg-amber-100 text-amber-900' },
  failed: { icon: '✕', className: 'bg-red-100 text-red-800' },
  skipped: { icon: '–', className: 'bg-slate-100 text-slate-700' },
};

/** The detail values a sentence interpolates, translated or formatted; absent ones empty rather than "{{x}}". */
function values(t: TFunction, locale: string, detail: StoredCheck['detail']): Record<string, string | number> {
  const d = detail ?? {};
  return {
    missing: '',
    matched: 0,
    unmatched: 0,
    failing: 0,
    ...d,
    date: typeof d.date === 'string' ? formatDay(d.date, locale) : '',
    reason: typeof d.reason === 'string' ? reasonLabel(t, d.reason) : '',
  };
}

/** TEAMS-5 "System configuration": "Start verification", then every check with its status, sentence and remedy. */
export function VerifySystem({ accountId, last, onVerified }: { accountId: string; last: Verification | null; onVerified: () => void }) {
  const { t, i18n } = useTranslation();
  const listId = useId();
  const [result, setResult] = useState<Verification | null>(last);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    const res = await verifyTeamsAction(accountId);
    setBusy(false);
    if (!res.ok) {
      setError(actionError(t, res));
      return;
    }
    setResult(res.data);
    onVerified();
  };

  const byCheck = new Map(result?.checks.map((c) => [c.check, c]) ?? []);
  const rows = VERIFICATION_CHECKS.map((check): StoredCheck => byCheck.get(check) ?? { check, status: 'skipped' });
  const attention = rows.filter((r) => r.status === 'warning' || r.status === 'failed').length;

  return (
    <div className="flex flex-col gap-4 pt-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{t('teams.verify.intro')}</p>
        <Button disabled={busy} aria-describedby={busy ? `${listId}-busy` : undefined} onClick={() => void start()}>
          {t('teams.verify.start')}
        </Button>
      </div>
      <div aria-live="polite">
        {busy && (
          <p id={`${listId}-busy`} className="text-sm text-slate-700">
            {t('teams.verify.running')}
          </p>
        )}
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {result && (
        <>
          <p className="text-sm text-slate-600" suppressHydrationWarning>
            {t('teams.verify.lastRun', { date: formatDateTime(result.at, i18n.language) })}
          </p>
          {!busy && (attention === 0 ? <Alert tone="success">{t('teams.verify.allPassed')}</Alert> : <Alert tone="info">{t('teams.verify.attention', { count: attention })}</Alert>)}
          <ul aria-label={t('teams.verify.results')} aria-busy={busy} className="flex flex-col divide-y divide-slate-100 rounded border border-slate-200">
            {rows.map((r) => (
              <CheckItem key={r.check} check={r.check as VerificationCheck} status={r.status} values={values(t, i18n.language, r.detail)} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function CheckItem({ check, status, values: v }: { check: VerificationCheck; status: StoredCheck['status']; values: Record<string, string | number> }) {
  const { t } = useTranslation();
  const icon = ICONS[status];
  // Graph holding writes is a warning of its own; "0 users failing" would then say nothing.
  const held = check === 'graphHealthy' && v.reason !== '';
  const sentence = held && v.failing === 0 ? t('teams.verify.graphHealthy.held', v) : [t(`teams.verify.${check}.${status}`, v), held ? t('teams.verify.graphHealthy.held', v) : ''].join(' ').trim();
  return (
    <li className="flex items-start gap-3 px-3 py-2 text-sm">
      <span aria-hidden className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${icon.className}`}>
        {icon.icon}
      </span>
      <div className="flex min-w-0 flex-col gap-0.5">
        <p>
          <span className="font-medium">{t(`teams.verify.${check}.title`)}</span>
          <span className={`ml-2 rounded px-1.5 py-0.5 text-xs font-medium ${icon.className}`}>{t(`teams.verify.status.${status}`)}</span>
        </p>
        <p className="text-slate-700">{sentence}</p>
        {(status === 'warning' || status === 'failed') && (
          <p className="text-slate-600">
            <span className="font-medium">{t('teams.verify.remedyLabel')} </span>
            {t(`teams.verify.${check}.remedy`, v)}
          </p>
        )}
      </div>
    </li>
  );
}
