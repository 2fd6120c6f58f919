'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resyncTeamsUsersAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { Button } from '@/components/ui/button';
import type { TeamsSetupView, TeamsSyncFigures } from '@/lib/teams/read-teams-setup';
import { actionError } from '../labels';
import { formatDateTime, reasonLabel } from './labels';

interface Props {
  accountId: string;
  setup: TeamsSetupView;
  figures: TeamsSyncFigures;
  /** The first match with Azure is still running. */
  matching: boolean;
  onRequested: () => void;
}

/** TEAMS-2: how the sync is doing — users matched or not, writes waiting or failing, Graph holding back. */
export function TeamsSyncStatus({ accountId, setup, figures, matching, onRequested }: Props) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const resync = async () => {
    setBusy(true);
    setMessage(null);
    const res = await resyncTeamsUsersAction(accountId);
    setBusy(false);
    setMessage(res.ok ? { error: false, text: t('teams.features.resyncQueued') } : { error: true, text: actionError(t, res) });
    if (res.ok) onRequested();
  };

  return (
    <div className="flex flex-col gap-1.5 text-sm">
      <p className="text-slate-700">
        {matching
          ? t('teams.features.matching')
          : t('teams.features.figures', { count: figures.matched, unmatched: figures.unmatched, pending: figures.pending, failing: figures.failing })}
      </p>
      {setup.matchError && <p className="font-medium text-red-800">{t('teams.features.matchFailed', { reason: reasonLabel(t, setup.matchError) })}</p>}
      {setup.backoffUntil && (
        <p className="font-medium text-amber-800" suppressHydrationWarning>
          <span aria-hidden>⚠ </span>
          {t('teams.features.backoff', { time: formatDateTime(setup.backoffUntil, i18n.language), reason: reasonLabel(t, setup.backoffReason ?? 'unavailable') })}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" className="px-3 py-1" disabled={busy} onClick={() => void resync()}>
          {t('teams.features.resync')}
        </Button>
        <Link href={`/accounts/${accountId}/integrations/teams`} className="font-medium text-brand-700 underline hover:text-brand-900">
          {t('teams.features.health')}
        </Link>
      </div>
      <div aria-live="polite">{message && <p className={message.error ? 'text-red-800' : 'text-slate-700'}>{message.text}</p>}</div>
    </div>
  );
}
