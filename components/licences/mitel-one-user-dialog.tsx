'use client';

import { useId, useState } from 'react';
import { applyLicencesAction } from '@/app/(portal)/accounts/[accountId]/users/actions';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { Switch } from '@/components/ui/switch';
import { MITEL_ONE_FEATURES, type MitelOneFeature } from '@/lib/integrations/settings';
import { allows, LEVELS, type Level } from '@/lib/licences/levels';
import type { UserProducts } from '@/lib/licences/user-products';
import { useLicenceAction } from './use-licence-action';

interface Props {
  open: boolean;
  accountId: string;
  userId: string;
  product: NonNullable<UserProducts['mitelOne']>;
  onClose: () => void;
  onSaved: (text: string) => void;
}

/**
 * One user's Mitel One (M1-2, seed 001 3426-3440 and 3497-3511): "Finish setup" and the settings
 * share this dialog — the level (each option says how many are free; a level with none free is
 * disabled unless the user holds it), the Chat, MiTeam Meetings and Telephony switches the level
 * allows, Save, Cancel and Remove.
 */
export function MitelOneUserDialog(props: Props) {
  const t = useT();
  return (
    <Modal open={props.open} title={props.product.level ? t('users.products.settingsTitle') : t('users.products.finishSetup')} onClose={props.onClose}>
      <UserForm {...props} />
    </Modal>
  );
}

function UserForm({ accountId, userId, product, onClose, onSaved }: Props) {
  const t = useT();
  const levelId = useId();
  const [level, setLevel] = useState<Level | ''>(product.level ?? '');
  const [features, setFeatures] = useState<Record<MitelOneFeature, boolean>>(
    Object.fromEntries(MITEL_ONE_FEATURES.map((f) => [f, product.features[f] !== false])) as Record<MitelOneFeature, boolean>,
  );
  const { busy, message, run } = useLicenceAction();

  const submit = async (change: Record<string, unknown>, success: string) => {
    if (await run(() => applyLicencesAction(accountId, [userId], change), () => success)) onSaved(success);
  };
  const save = () => {
    if (!level) return;
    const choices = Object.fromEntries(MITEL_ONE_FEATURES.map((f) => [f, features[f] ? 'on' : 'off']));
    void submit({ product: 'mitelOne', level, features: choices }, t('users.products.saved'));
  };

  return (
    <>
      {message?.tone === 'error' && <Alert tone="error">{message.text}</Alert>}
      <div className="flex flex-col gap-1">
        <label htmlFor={levelId} className="text-sm font-medium">
          {t('users.products.level')}
        </label>
        <select id={levelId} value={level} onChange={(e) => setLevel(e.target.value as Level | '')} className="rounded border border-slate-300 px-2 py-1.5 text-sm">
          <option value="" disabled>
            {t('users.products.chooseLevel')}
          </option>
          {LEVELS.map((l) => (
            <option key={l} value={l} disabled={l !== product.level && product.free[l] === 0}>
              {t('users.products.levelOption', { level: t(`users.products.levels.${l}`), count: product.free[l] })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t('integrations.features.title')}</legend>
        {MITEL_ONE_FEATURES.map((f) => {
          const included = level !== '' && allows(level, f);
          const labelId = `${levelId}-${f}`;
          return (
            <div key={f} className="flex items-center justify-between gap-3 text-sm">
              <span id={labelId}>
                {t(`integrations.features.${f}`)}
                {level !== '' && !included && <span className="ml-2 text-xs text-slate-500">{t('users.products.featureStates.notInLevel', { level: t(`users.products.levels.${level}`) })}</span>}
              </span>
              <Switch checked={included && features[f]} disabled={!included} aria-labelledby={labelId} onChange={(on) => setFeatures({ ...features, [f]: on })} />
            </div>
          );
        })}
      </fieldset>
      <div className="flex flex-wrap justify-between gap-2">
        <Button variant="danger" disabled={busy} onClick={() => void submit({ product: 'mitelOne', level: 'deactivate' }, t('users.products.removed'))}>
          {t('users.products.remove')}
        </Button>
        <div className="flex gap-2">
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={busy || level === ''} onClick={save}>
            {t('users.products.save')}
          </Button>
        </div>
      </div>
    </>
  );
}
