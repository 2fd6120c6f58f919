'use client';

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserPresenceReport } from '@/lib/teams/lookup-user-presence';
import { explainPresence, formatDateTime, graphStatusLabel, lineStateLabel, matchLabel, pbxPresenceLabel, pushedLabel, reasonLabel, teamsAvailabilityLabel } from './labels';

/** TEAMS-5 "Get presence": where one user's presence comes from and where it ends up, step by step. */
export function PresenceReport({ report }: { report: UserPresenceReport }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t('teams.report.never'));
  const { pbx, sync, teams } = report;

  return (
    <section aria-label={t('teams.report.title', { name: report.displayName })} className="flex flex-col gap-2 rounded border border-slate-200 p-3 text-sm">
      <h3 className="font-semibold">
        {report.displayName} <span className="font-normal text-slate-600">({report.email})</span>
      </h3>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-[12rem_1fr]">
        <Item term={t('teams.report.azure')}>{matchLabel(t, report.match, report.graphUpn)}</Item>
        <Item term={t('teams.report.cloudlink')}>
          {report.cloudlink.presence ? explainPresence(t, report.cloudlink.presence, report.cloudlink.decidedBy) : t('teams.report.notComputed')}
        </Item>
        <Item term={t('teams.report.pbx')}>
          {pbx ? (
            <ul className="flex flex-col">
              {pbx.extension && <li>{t('teams.report.extension', { extension: pbx.extension })}</li>}
              <li>{t('teams.report.lineState', { state: lineStateLabel(t, pbx.lineState) })}</li>
              <li>{t('teams.report.pbxPresence', { presence: pbxPresenceLabel(t, pbx.presence) })}</li>
              <li>{t(pbx.dnd ? 'teams.report.dndOn' : 'teams.report.dndOff')}</li>
            </ul>
          ) : (
            t('teams.userConfig.noPbxUser')
          )}
        </Item>
        <Item term={t('teams.report.lastWrite')}>
          {sync ? (
            <ul className="flex flex-col">
              <li>
                {pushedLabel(t, sync.pushedAction)}
                {sync.pushedAt && <span suppressHydrationWarning>{` · ${when(sync.pushedAt)}`}</span>}
                {sync.pending && <WaitingBadge />}
              </li>
              {(sync.lastStatus !== null || sync.lastError) && (
                <li className={sync.lastError ? 'font-medium text-red-800' : undefined}>
                  {sync.lastError ? t('teams.report.graphError', { reason: reasonLabel(t, sync.lastError), status: sync.lastStatus ?? '–' }) : graphStatusLabel(t, sync.lastStatus ?? 0, sync.pushedAction)}
                  {sync.lastLatencyMs !== null && ` · ${t('teams.report.latency', { ms: sync.lastLatencyMs })}`}
                </li>
              )}
              {sync.sessionExpiresAt && <li suppressHydrationWarning>{t('teams.report.sessionExpires', { date: when(sync.sessionExpiresAt) })}</li>}
            </ul>
          ) : (
            t('teams.report.notSynced')
          )}
        </Item>
        <Item term={t('teams.report.teamsNow')}>
          {teams === null
            ? t('teams.report.teamsNotAsked')
            : 'error' in teams
              ? <span className="text-red-800">{t('teams.report.teamsError', { reason: reasonLabel(t, teams.error) })}</span>
              : teams.activity && teams.activity !== teams.availability
                ? t('teams.report.teamsShows', { availability: teamsAvailabilityLabel(t, teams.availability), activity: teams.activity })
                : teamsAvailabilityLabel(t, teams.availability)}
        </Item>
      </dl>
      <p className="text-xs text-slate-500" suppressHydrationWarning>
        {t('teams.report.at', { date: when(report.at) })}
      </p>
    </section>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

export function WaitingBadge() {
  const { t } = useTranslation();
  return <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t('teams.health.waiting')}</span>;
}
