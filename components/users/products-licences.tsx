'use client';

import { useId, useState } from 'react';
import { addUserProductAction, applyLicencesAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { MitelOneUserDialog } from '@/components/licences/mitel-one-user-dialog';
import { useLicenceAction } from '@/components/licences/use-licence-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { Switch } from '@/components/ui/switch';
import { MITEL_ONE_FEATURES } from '@/lib/integrations/settings';
import type { UserProducts } from '@/lib/licences/user-products';

interface Props {
  accountId: string;
  userId: string;
  products: UserProducts;
  canEdit: boolean;
}

/**
 * USR-7 "Products & licences" of one user: "+ Add product" (Mitel One), its "Finish setup" and
 * settings (level and features, M1-2) with the feature summary, and the MiTeam Meetings licence
 * (MTM-1/2). The server counts the free licences under the account's licence lock and refuses with
 * "X more licence(s) needed" when none is free.
 */
export function ProductsLicences({ accountId, userId, products, canEdit }: Props) {
  const t = useT();
  const titleId = useId();
  const miteamId = useId();
  const miteamHint = useId();
  const [adding, setAdding] = useState(false);
  const [configuring, setConfiguring] = useState(false);
  const { busy, message, setMessage, run } = useLicenceAction();
  const { mitelOne, mitelOneKept, miteam } = products;
  const saved = () => t('users.products.saved');

  const toggleMiteam = () => void run(() => applyLicencesAction(accountId, [userId], { product: 'miteamMeetings', assign: !miteam.holds }), saved);
  const addMitelOne = async () => {
    if (await run(() => addUserProductAction(accountId, userId, 'mitelOne'), () => t('users.products.added'))) setAdding(false);
  };

  const miteamHintText =
    miteam.view === 'readOnly' ? t('users.products.managedByMicollab') : miteam.view === 'notAvailable' ? t('users.products.notAvailable') : t('users.products.free', { count: miteam.free });
  const nothing = (!mitelOne || !mitelOne.added) && !mitelOneKept && miteam.view === 'noLicences';

  return (
    <section aria-labelledby={titleId} className="flex max-w-lg flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-center justify-between gap-3">
        <h3 id={titleId} className="text-base font-semibold">
          {t('users.products.title')}
        </h3>
        {canEdit && mitelOne && !mitelOne.added && (
          <Button variant="secondary" aria-haspopup="dialog" onClick={() => setAdding(true)}>
            {t('users.products.addProduct')}
          </Button>
        )}
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {nothing && <p className="text-sm text-slate-600">{t('users.products.noLicences')}</p>}
      {mitelOneKept && (
        <p className="text-sm text-slate-600">{t('users.products.keptWithoutIntegration', { level: t(`users.products.levels.${mitelOneKept}`) })}</p>
      )}
      {mitelOne?.added && (
        <div className="flex flex-col gap-2">
          <div className="flex items-center justify-between gap-4">
            <div>
              <p className="text-sm font-medium">{t('users.products.mitelOne')}</p>
              <p className="text-xs text-slate-500">{mitelOne.level ? t(`users.products.levels.${mitelOne.level}`) : t('users.products.setupPending')}</p>
            </div>
            {canEdit &&
              (mitelOne.level ? (
                <Button variant="secondary" aria-haspopup="dialog" aria-label={t('users.products.settings')} onClick={() => setConfiguring(true)}>
                  <span aria-hidden>⚙</span>
                </Button>
              ) : (
                <Button aria-haspopup="dialog" onClick={() => setConfiguring(true)}>
                  {t('users.products.finishSetup')}
                </Button>
              ))}
          </div>
          {mitelOne.level && (
            <details className="text-sm">
              <summary className="cursor-pointer text-brand-700">{t('integrations.features.title')}</summary>
              <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-y-1">
                {MITEL_ONE_FEATURES.map((f) => (
                  <div key={f} className="contents">
                    <dt className="text-slate-500">{t(`integrations.features.${f}`)}</dt>
                    <dd>{t(`users.products.featureStates.${mitelOne.summary[f]}`, { level: t(`users.products.levels.${mitelOne.level}`) })}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </div>
      )}
      {miteam.view !== 'noLicences' && (
        <div className="flex items-center justify-between gap-4">
          <div>
            <p id={miteamId} className="text-sm font-medium">
              {t('users.products.miteam')}
            </p>
            <p id={miteamHint} className="text-xs text-slate-500">
              {miteamHintText}
            </p>
          </div>
          <Switch
            checked={miteam.holds}
            onChange={toggleMiteam}
            aria-labelledby={miteamId}
            aria-describedby={miteamHint}
            disabled={!canEdit || busy || miteam.view !== 'toggle'}
          />
        </div>
      )}
      {mitelOne && (
        <Modal open={adding} title={t('users.products.addTitle')} onClose={() => setAdding(false)}>
          {message?.tone === 'error' && <Alert tone="error">{message.text}</Alert>}
          <ul className="flex flex-col gap-3">
            <li className="flex items-center justify-between gap-4 rounded border border-slate-200 p-3">
              <div>
                <p className="text-sm font-medium">{t('users.products.mitelOne')}</p>
                <p className="text-xs text-slate-500">{t('users.products.mitelOneDescription')}</p>
              </div>
              <Button disabled={busy} onClick={() => void addMitelOne()}>
                {t('users.products.add')}
              </Button>
            </li>
          </ul>
          <div className="flex justify-end">
            <Button variant="ghost" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </Modal>
      )}
      {mitelOne?.added && (
        <MitelOneUserDialog
          open={configuring}
          accountId={accountId}
          userId={userId}
          product={mitelOne}
          onClose={() => setConfiguring(false)}
          onSaved={(text) => {
            setConfiguring(false);
            setMessage({ tone: 'success', text });
          }}
        />
      )}
    </section>
  );
}
