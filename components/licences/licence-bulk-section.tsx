'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { applyLicencesAction, licenceOverviewAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';
import type { LicenceOverview } from '@/lib/licences/licence-overview';
import type { LicenceRequestResult } from '@/lib/licences/request-licences';
import { LicenceJobProgress } from './licence-job-progress';
import { MitelOneBulkDialog } from './mitel-one-bulk-dialog';
import { changedText, useLicenceAction } from './use-licence-action';

interface Props {
  accountId: string;
  /** The selected users; null when the panel applies to every user of the account. */
  userIds: string[] | null;
}

/**
 * "Bulk user settings" of Manage (x) (M1-2 3461-3488, MTM-1 656-685): the licence figures of the
 * selection, the Mitel One override dialog, and MiTeam Meetings assign / unassign for the selected
 * users or for all. Every change applies to all users or to none; a large one runs as a job whose
 * progress ("x of y users") and outcome show here.
 */
export function LicenceBulkSection({ accountId, userIds }: Props) {
  const t = useT();
  const headingId = useId();
  const [overview, setOverview] = useState<LicenceOverview | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [mitelOneOpen, setMitelOneOpen] = useState(false);
  const [confirmUnassignAll, setConfirmUnassignAll] = useState(false);
  const { busy, message, setMessage, run } = useLicenceAction();
  const [job, setJob] = useState<string | null>(null);
  // The button that started a change gets the focus back when it is enabled again (the request
  // answered, or the job's progress panel closed).
  const startedBy = useRef<HTMLElement | null>(null);
  const scope = userIds ? 'selected' : 'all';
  const locked = busy || job !== null;

  // The figures, fetched when the panel opens and again after each change (`version`).
  const [version, setVersion] = useState(0);
  const idsKey = userIds?.join(',') ?? '';
  useEffect(() => {
    let live = true;
    void licenceOverviewAction(accountId, idsKey ? idsKey.split(',') : null).then((res) => {
      if (!live) return;
      if (res.ok) setOverview(res.data);
      else setFailed(res.formError ?? 'errors.unexpected');
    });
    return () => {
      live = false;
    };
  }, [accountId, idsKey, version]);
  const load = () => setVersion((v) => v + 1);

  const done = (data: LicenceRequestResult) => {
    if (data.mode === 'applied') return changedText(t, data.changed);
    setJob(data.notificationId);
    return null;
  };
  const miteam = async (assign: boolean) => {
    if (await run(() => applyLicencesAction(accountId, userIds, { product: 'miteamMeetings', assign }), done)) load();
  };
  useEffect(() => {
    if (locked || !startedBy.current) return;
    startedBy.current.focus();
    startedBy.current = null;
  }, [locked]);

  if (failed) return <Alert tone="error">{t(failed)}</Alert>;
  if (!overview) return <p className="text-sm text-slate-500">{t('licences.bulk.loading')}</p>;
  if (!overview.mitelOne && !overview.miteam) return null;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3 rounded border border-slate-200 p-3">
      <h3 id={headingId} className="text-sm font-semibold">
        {t('licences.bulk.title')}
      </h3>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {job && <LicenceJobProgress notificationId={job} onFinished={load} onClose={() => setJob(null)} />}
      {overview.mitelOne && (
        <div className="flex items-center justify-between gap-3">
          <div className="text-sm">
            <p className="font-medium">{t('users.products.mitelOne')}</p>
            <p className="text-xs text-slate-500">
              {overview.mitelOne.levels.map((l) => t('users.products.levelOption', { level: t(`users.products.levels.${l.level}`), count: l.free })).join(' · ')}
            </p>
          </div>
          <Button
            variant="secondary"
            aria-haspopup="dialog"
            disabled={locked}
            onClick={(e) => {
              startedBy.current = e.currentTarget;
              setMitelOneOpen(true);
            }}
          >
            {t('licences.bulk.mitelOne.open')}
          </Button>
        </div>
      )}
      {overview.miteam && (
        <div className="flex flex-col gap-2">
          <div className="text-sm">
            <p className="font-medium">{t('users.products.miteam')}</p>
            <p className="text-xs text-slate-500">
              {t('licences.bulk.miteam.available', { count: overview.miteam.free })} · {t('licences.bulk.heldBySelected', { count: overview.miteam.heldBySelected })}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              disabled={locked}
              onClick={(e) => {
                startedBy.current = e.currentTarget;
                void miteam(true);
              }}
            >
              {t(`licences.bulk.miteam.assign.${scope}`)}
            </Button>
            <Button
              variant="secondary"
              disabled={locked}
              onClick={(e) => {
                startedBy.current = e.currentTarget;
                if (scope === 'all') setConfirmUnassignAll(true);
                else void miteam(false);
              }}
            >
              {t(`licences.bulk.miteam.unassign.${scope}`)}
            </Button>
          </div>
        </div>
      )}
      {overview.mitelOne && (
        <MitelOneBulkDialog
          open={mitelOneOpen}
          accountId={accountId}
          userIds={userIds}
          figures={overview.mitelOne}
          selected={overview.selected}
          onClose={() => setMitelOneOpen(false)}
          onSaved={(text) => {
            setMitelOneOpen(false);
            setMessage({ tone: 'success', text });
            load();
          }}
          onJob={(notificationId) => {
            setMitelOneOpen(false);
            setMessage(null);
            setJob(notificationId);
          }}
        />
      )}
      <TypedConfirmDialog
        open={confirmUnassignAll}
        title={t('licences.bulk.miteam.unassign.all')}
        description={t('licences.bulk.miteam.confirmUnassignAll')}
        word="confirm"
        confirmLabel={t('licences.bulk.miteam.unassign.all')}
        busy={busy}
        onCancel={() => setConfirmUnassignAll(false)}
        onConfirm={() => {
          setConfirmUnassignAll(false);
          void miteam(false);
        }}
      />
    </section>
  );
}
