'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { PresenceHealthRow } from '@/lib/teams/list-presence-health';
import { explainPresence, formatDateTime, graphStatusLabel, matchLabel, pushedLabel, reasonLabel, relativeTime } from './labels';
import { WaitingBadge } from './presence-report';

const Empty = ({ label }: { label: string }) => <span className="text-slate-500">{label}</span>;

/** Beyond TEAMS-2: the per-user sync health columns, from the Azure match to Graph's last answer. */
export function presenceHealthColumns(t: TFunction, locale: string, now: number): ColumnDef<PresenceHealthRow>[] {
  return [
    {
      id: 'user',
      header: t('teams.health.columns.user'),
      cell: ({ row: { original: r } }) => (
        <div className="flex flex-col">
          <span className="font-medium">{r.displayName}</span>
          <span className="break-all text-xs text-slate-600">{r.email}</span>
        </div>
      ),
    },
    {
      id: 'match',
      header: t('teams.health.columns.match'),
      cell: ({ row: { original: r } }) => (
        <span className={r.match === 'matched' ? 'break-all' : 'font-medium text-amber-800'}>{matchLabel(t, r.match, r.graphUpn)}</span>
      ),
    },
    {
      id: 'pbx',
      header: t('teams.health.columns.pbx'),
      cell: ({ row: { original: r } }) => (r.hasPbxUser ? t('teams.health.pbxYes') : <Empty label={t('teams.userConfig.noPbxUser')} />),
    },
    {
      id: 'presence',
      header: t('teams.health.columns.presence'),
      cell: ({ row: { original: r } }) => (r.presence ? explainPresence(t, r.presence, r.decidedBy, true) : <Empty label={t('teams.report.notComputed')} />),
    },
    {
      id: 'teams',
      header: t('teams.health.columns.teams'),
      cell: ({ row: { original: r } }) => (
        <span>
          {pushedLabel(t, r.pushedAction)}
          {r.pending && <WaitingBadge />}
        </span>
      ),
    },
    {
      id: 'lastWrite',
      header: t('teams.health.columns.lastWrite'),
      cell: ({ row: { original: r } }) => {
        const at = r.lastAnswerAt ?? r.pushedAt;
        if (!at) return <Empty label={t('teams.report.never')} />;
        return (
          <div className="flex flex-col">
            <time dateTime={at} title={formatDateTime(at, locale)} suppressHydrationWarning>
              {relativeTime(at, locale, now)}
            </time>
            {r.lastLatencyMs !== null && <span className="text-xs text-slate-600">{t('teams.report.latency', { ms: r.lastLatencyMs })}</span>}
          </div>
        );
      },
    },
    {
      id: 'graph',
      header: t('teams.health.columns.graph'),
      cell: ({ row: { original: r } }) =>
        r.lastError ? (
          <span className="inline-flex flex-wrap items-center gap-1 rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-800">
            <span aria-hidden>✕</span>
            {t('teams.report.graphError', { reason: reasonLabel(t, r.lastError), status: r.lastStatus ?? '–' })}
          </span>
        ) : r.lastStatus !== null ? (
          graphStatusLabel(t, r.lastStatus, r.pushedAction)
        ) : (
          <Empty label={t('teams.health.noAnswer')} />
        ),
    },
  ];
}
