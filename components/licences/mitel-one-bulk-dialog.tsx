'use client';

import { useId, useState } from 'react';
import { applyLicencesAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { MITEL_ONE_FEATURES, type MitelOneFeature } from '@/lib/integrations/settings';
import { isNoop, LEVELS, type FeatureChoice, type LevelChoice } from '@/lib/licences/levels';
import type { LicenceOverview } from '@/lib/licences/licence-overview';
import { changedText, useLicenceAction } from './use-licence-action';

interface Props {
  open: boolean;
  accountId: string;
  userIds: string[] | null;
  figures: NonNullable<LicenceOverview['mitelOne']>;
  selected: number;
  onClose: () => void;
  /** After a save applied at once, with the text saying what changed. */
  onSaved: (text: string) => void;
  /** After a save that became a job (a large change), with its notification. */
  onJob: (notificationId: string) => void;
}

const CHOICES: readonly FeatureChoice[] = ['unchanged', 'on', 'off'];

/**
 * M1-2 bulk "Mitel One" (seed 001 3461-3488): the account's licences per level and what the
 * selection holds, "Override licences for selected users" (leave all unchanged / a level /
 * deactivate all) and the Chat, MiTeam Meetings and Telephony choices, which reach only users whose
 * level includes the feature. The server counts under the licence lock; a level that does not fit
 * is refused with "X more licence(s) needed …", shown here. A large change becomes a job, whose
 * progress the Manage panel shows.
 */
export function MitelOneBulkDialog(props: Props) {
  const t = useT();
  return (
    <Modal open={props.open} title={t('licences.bulk.mitelOne.title')} onClose={props.onClose} wide>
      <OverrideForm {...props} />
    </Modal>
  );
}

/** The dialog's content: mounted on each opening, so it always starts at "Leave all unchanged". */
function OverrideForm({ accountId, userIds, figures, selected, onClose, onSaved, onJob }: Props) {
  const t = useT();
  const levelId = useId();
  const noteId = useId();
  const [level, setLevel] = useState<LevelChoice>('unchanged');
  const [features, setFeatures] = useState<Record<MitelOneFeature, FeatureChoice>>({ chat: 'unchanged', miteamMeetings: 'unchanged', telephony: 'unchanged' });
  const { busy, message, run } = useLicenceAction();
  const scope = userIds ? 'selected' : 'all';
  const noop = isNoop({ level, features });

  // The outcome is the panel's to show; the dialog shows only refusals.
  const save = () =>
    run(
      () => applyLicencesAction(accountId, userIds, { product: 'mitelOne', level, features }),
      (data) => {
        if (data.mode === 'job') onJob(data.notificationId);
        else onSaved(changedText(t, data.changed));
        return null;
      },
    );

  return (
    <>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('licences.bulk.mitelOne.figures')}</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col">{t('licences.bulk.mitelOne.level')}</th>
            <th scope="col">{t('licences.bulk.mitelOne.owned')}</th>
            <th scope="col">{t('licences.bulk.mitelOne.free')}</th>
            <th scope="col">{t(`licences.bulk.mitelOne.held.${scope}`)}</th>
          </tr>
        </thead>
        <tbody>
          {figures.levels.map((l) => (
            <tr key={l.level} className="border-t border-slate-100">
              <th scope="row" className="py-1 font-medium">
                {t(`users.products.levels.${l.level}`)}
              </th>
              <td>{l.owned}</td>
              <td>{l.free}</td>
              <td>{l.heldBySelected}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500">{t('licences.bulk.mitelOne.without', { count: figures.selectedWithout, total: selected })}</p>
      {message?.tone === 'error' && <Alert tone="error">{message.text}</Alert>}
      <div className="flex flex-col gap-1">
        <label htmlFor={levelId} className="text-sm font-medium">
          {t(`licences.bulk.mitelOne.override.${scope}`)}
        </label>
        <select id={levelId} value={level} onChange={(e) => setLevel(e.target.value as LevelChoice)} className="rounded border border-slate-300 px-2 py-1.5 text-sm">
          <option value="unchanged">{t('licences.bulk.mitelOne.unchanged')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t('users.products.levelOption', { level: t(`users.products.levels.${l}`), count: figures.levels.find((f) => f.level === l)?.free ?? 0 })}
            </option>
          ))}
          <option value="deactivate">{t('licences.bulk.mitelOne.deactivate')}</option>
        </select>
      </div>
      <fieldset className="flex flex-col gap-2" disabled={level === 'deactivate'} aria-describedby={noteId}>
        <legend className="text-sm font-medium">{t('integrations.features.title')}</legend>
        <p id={noteId} className="text-xs text-slate-500">
          {t('licences.bulk.mitelOne.featureNote')}
        </p>
        {MITEL_ONE_FEATURES.map((f) => (
          <label key={f} className="flex items-center justify-between gap-3 text-sm">
            {t(`integrations.features.${f}`)}
            <select value={features[f]} onChange={(e) => setFeatures({ ...features, [f]: e.target.value as FeatureChoice })} className="rounded border border-slate-300 px-2 py-1 text-sm">
              {CHOICES.map((c) => (
                <option key={c} value={c}>
                  {t(`licences.bulk.mitelOne.choices.${c}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button disabled={busy || noop} onClick={() => void save()}>
          {t('licences.bulk.mitelOne.save')}
        </Button>
      </div>
    </>
  );
}
