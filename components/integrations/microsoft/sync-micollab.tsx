'use client';

import { useId, useState } from 'react';
import { syncAllToMicollabAction } from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { actionError } from '../labels';

/** One line per sentence: the outcome, then what failed or is still on its way. */
type Result = { tone: 'success' | 'info' | 'error'; lines: string[] } | null;

/**
 * TEAMS-5 "Sync all MS Teams presence to MiCollab": every monitored user's Teams presence is read
 * again and sent to MiCollab. The server answers when done, or after 20 s with what is still on its way.
 */
export function SyncMicollab({ accountId }: { accountId: string }) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  const run = async () => {
    setBusy(true);
    setResult(null);
    const res = await syncAllToMicollabAction(accountId);
    setBusy(false);
    if (!res.ok) {
      setResult({ tone: 'error', lines: [actionError(t, res)] });
      return;
    }
    const { sent, failed, pending } = res.data;
    const lines = [
      pending === 0 ? t('teams.userConfig.syncDone', { count: sent }) : t('teams.userConfig.syncRunning', { count: sent }),
      failed > 0 ? t('teams.userConfig.syncFailed', { count: failed }) : '',
      pending > 0 ? t('teams.userConfig.syncPending', { count: pending }) : '',
    ].filter(Boolean);
    setResult({ tone: failed > 0 || pending > 0 ? 'info' : 'success', lines });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-2 border-t border-slate-200 pt-4">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t('teams.userConfig.micollabTitle')}
      </h3>
      <p className="text-sm text-slate-600">{t('teams.userConfig.syncAllIntro')}</p>
      <div>
        <Button variant="secondary" disabled={busy} aria-describedby={busy ? `${id}-busy` : undefined} onClick={() => void run()}>
          {t('teams.userConfig.syncAll')}
        </Button>
      </div>
      <div aria-live="polite">
        {busy && (
          <p id={`${id}-busy`} className="text-sm text-slate-700">
            {t('teams.userConfig.syncing')}
          </p>
        )}
      </div>
      {result && (
        <Alert tone={result.tone}>
          {result.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Alert>
      )}
    </section>
  );
}
