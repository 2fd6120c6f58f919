'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { assignLicencesAction, unassignLicencesAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Switch } from '@/components/ui/switch';
import type { ActionResult } from '@/lib/actions/run-action';
import type { UserProducts } from '@/lib/licences/user-products';

const LEVELS = ['essential', 'premier', 'elite'] as const;

/**
 * USR-7 "Products & licences" of one user: the Mitel One level (M1-2) and the MiTeam Meetings
 * licence (MTM-1/2). Each change saves at once; the server counts the free licences under the
 * account's licence lock and refuses with "X more licence(s) needed" when none is free.
 */
export function ProductsLicences({ accountId, userId, products, canEdit }: { accountId: string; userId: string; products: UserProducts; canEdit: boolean }) {
  const t = useT();
  const router = useRouter();
  const levelId = useId();
  const miteamId = useId();
  const miteamHint = useId();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const { mitelOne, miteam } = products;

  const run = async (call: Promise<ActionResult<unknown>>) => {
    setBusy(true);
    setMessage(null);
    const res = await call;
    setBusy(false);
    if (res.ok) {
      setMessage({ tone: 'success', text: t('users.products.saved') });
      router.refresh();
    } else setMessage({ tone: 'error', text: t(res.formError ?? 'errors.unexpected', res.formParams ?? {}) });
  };

  const setLevel = (value: string) => {
    if (!mitelOne) return;
    if (value === '') void run(unassignLicencesAction(accountId, [userId], { product: 'mitelOne', level: mitelOne.level }));
    else void run(assignLicencesAction(accountId, [userId], { product: 'mitelOne', level: value }));
  };
  const toggleMiteam = () => {
    const kind = { product: 'miteamMeetings', level: null };
    void run(miteam.holds ? unassignLicencesAction(accountId, [userId], kind) : assignLicencesAction(accountId, [userId], kind));
  };

  const miteamHintText =
    miteam.view === 'readOnly' ? t('users.products.managedByMicollab') : miteam.view === 'notAvailable' ? t('users.products.notAvailable') : t('users.products.free', { count: miteam.free });

  return (
    <section aria-labelledby={`${levelId}-title`} className="flex max-w-lg flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h3 id={`${levelId}-title`} className="text-base font-semibold">
        {t('users.products.title')}
      </h3>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {!mitelOne && miteam.view === 'noLicences' && <p className="text-sm text-slate-600">{t('users.products.noLicences')}</p>}
      {mitelOne && (
        <div className="flex items-center justify-between gap-4">
          <label htmlFor={levelId} className="text-sm font-medium">
            {t('users.products.mitelOne')}
          </label>
          <select
            id={levelId}
            value={mitelOne.level ?? ''}
            disabled={!canEdit || busy}
            onChange={(e) => setLevel(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-60"
          >
            <option value="">{t('users.products.noLicence')}</option>
            {LEVELS.map((level) => (
              <option key={level} value={level} disabled={level !== mitelOne.level && mitelOne.free[level] === 0}>
                {t('users.products.levelOption', { level: t(`users.products.levels.${level}`), count: mitelOne.free[level] })}
              </option>
            ))}
          </select>
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
    </section>
  );
}
