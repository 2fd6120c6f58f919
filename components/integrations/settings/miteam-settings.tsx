'use client';

import { useId, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import type { IntegrationSettings } from '@/lib/integrations/settings';
import { Switch } from '@/components/ui/switch';
import { DialogActions } from './dialog-actions';
import { useSaveSettings } from './use-save-settings';

/**
 * MTM-3 "Optional waiting room": once switched, a box asks for the localised confirm word
 * (seed 3679-3690); Save is enabled only when it matches, and the command wants `confirmed`.
 */
export function MiteamSettings({
  accountId,
  settings,
  onClose,
  onRemove,
}: {
  accountId: string;
  settings: IntegrationSettings['miteamMeetings'];
  onClose: () => void;
  onRemove?: () => void;
}) {
  const t = useT();
  const labelId = useId();
  const hintId = useId();
  const [on, setOn] = useState(settings.optionalWaitingRoom);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const { save, formError } = useSaveSettings(accountId, 'miteamMeetings', ['confirmed']);
  const changed = on !== settings.optionalWaitingRoom;
  const word = t('confirmWords.confirm');
  const matches = typed.trim().toLocaleLowerCase() === word.toLocaleLowerCase();

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!changed || !matches) return;
        setBusy(true);
        setFieldError(null);
        const saved = await save({ optionalWaitingRoom: on, confirmed: true }, (_field, key) => setFieldError(key));
        setBusy(false);
        if (saved) onClose();
      }}
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="flex items-center justify-between gap-4">
        <div>
          <p id={labelId} className="text-sm font-medium">
            {t('integrations.miteam.waitingRoom')}
          </p>
          <p id={hintId} className="text-xs text-slate-600">
            {t('integrations.miteam.waitingRoomHint')}
          </p>
        </div>
        <Switch
          checked={on}
          aria-labelledby={labelId}
          aria-describedby={hintId}
          onChange={(next) => {
            setOn(next);
            setTyped('');
          }}
        />
      </div>
      {changed && (
        <TextField
          label={t('confirmDialog.typeToConfirm', { word })}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          errors={fieldError ? [fieldError] : undefined}
        />
      )}
      <DialogActions busy={busy} canSave={changed && matches} onCancel={onClose} onRemove={onRemove} />
    </form>
  );
}
