'use client';

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/data-table';
import { SearchBox } from '@/components/data-table/search-box';
import { useUrlState } from '@/components/data-table/use-url-state';
import { presenceHealthColumns } from '@/components/integrations/microsoft/health-columns';
import type { PresenceHealthQuery, PresenceHealthRow } from '@/lib/teams/list-presence-health';
import type { TeamsSyncFigures } from '@/lib/teams/read-teams-setup';

type Filter = PresenceHealthQuery['filter'];

interface Props {
  rows: PresenceHealthRow[];
  total: number;
  nextCursor: string | null;
  query: string;
  filter: Filter;
  /** PRESENCE_HEALTH_FILTERS, passed down: its module is server-only. */
  filters: readonly Filter[];
  figures: TeamsSyncFigures;
}

const COUNT: Partial<Record<Filter, keyof TeamsSyncFigures>> = { unmatched: 'unmatched', failing: 'failing', pending: 'pending' };

/** Beyond TEAMS-2 "Microsoft Teams presence": per-user sync health, filtered and searched through the URL. */
export function PresenceHealthList({ rows, total, nextCursor, query, filter, filters, figures }: Props) {
  const { t, i18n } = useTranslation();
  const { set } = useUrlState();
  // Relative times are measured from when the page's rows arrived.
  const [now] = useState(() => Date.now());
  const columns = useMemo(() => presenceHealthColumns(t, i18n.language, now), [t, i18n.language, now]);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <SearchBox query={query} label={t('teams.health.search')} labelHidden />
        <div role="group" aria-label={t('teams.health.filterLabel')} className="flex flex-wrap gap-1">
          {filters.map((f) => {
            const count = COUNT[f];
            return (
              <button
                key={f}
                type="button"
                aria-pressed={filter === f}
                onClick={() => set({ filter: f === 'all' ? null : f })}
                className={`rounded border px-3 py-1.5 text-sm ${filter === f ? 'border-brand-600 bg-brand-50 font-medium text-brand-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
              >
                {t(`teams.health.filters.${f}`)}
                {count && <span className="ml-1 tabular-nums text-slate-500">({figures[count]})</span>}
              </button>
            );
          })}
        </div>
      </div>
      <DataTable
        label={t('teams.health.tableLabel')}
        columns={columns}
        rows={rows}
        rowId={(r) => r.userId}
        total={total}
        nextCursor={nextCursor}
        emptyMessage={query || filter !== 'all' ? t('teams.health.noMatches') : t('teams.health.empty')}
      />
    </div>
  );
}
