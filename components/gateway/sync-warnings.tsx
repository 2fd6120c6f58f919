'use client';

import { useT } from '@/components/i18n-provider';
import type { SyncSummary } from '@/db/schema';

/** GW-2: PBX users the sync could not add — no e-mail on the PBX, or an e-mail someone else has. */
export function SyncWarnings({ sync }: { sync: SyncSummary }) {
  const t = useT();
  if (sync.skippedCount === 0) return null;
  return (
    <section aria-label={t('gateway.connect.warningsTitle')} className="rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
      <h3 className="font-semibold">{t('gateway.connect.warningsTitle')}</h3>
      <p>{t('gateway.connect.warningsIntro', { count: sync.skippedCount })}</p>
      <ul className="mt-2 list-disc pl-5">
        {sync.skipped.map((s) => (
          <li key={s.pbxUserId}>
            {t(`gateway.connect.skipped.${s.reason}`, { name: s.name, extensions: s.extensions.join(', ') || '—' })}
          </li>
        ))}
      </ul>
      {sync.skippedCount > sync.skipped.length && <p className="mt-1">{t('gateway.connect.moreSkipped', { count: sync.skippedCount - sync.skipped.length })}</p>}
    </section>
  );
}
