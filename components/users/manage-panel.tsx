'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';
import { bulkActionDef, type BulkAction } from '@/lib/users/bulk-actions';

interface Props {
  open: boolean;
  actions: BulkAction[];
  /** Number of selected users; 0 means the actions apply to every user of the account. */
  selected: number;
  busy: boolean;
  error: string | null;
  onStart: (action: BulkAction) => void;
  onClose: () => void;
}

/**
 * USR-5 "Manage (x)": one button per action of the registry the actor may use. Deleting asks for
 * the typed word (SHELL-7); any action on every user of the account asks for "confirm" first.
 */
export function ManagePanel({ open, actions, selected, busy, error, onStart, onClose }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const scope = selected > 0 ? 'selected' : 'all';

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  const pick = (action: BulkAction) => {
    if (bulkActionDef(action).confirmWord || scope === 'all') setConfirming(action);
    else onStart(action);
  };
  const word = confirming ? (bulkActionDef(confirming).confirmWord ?? 'confirm') : 'confirm';

  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={onClose} className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
      <div className="flex flex-col gap-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {scope === 'selected' ? t('users.manage.titleSelected', { count: selected }) : t('users.manage.titleAll')}
        </h2>
        <p className="text-sm text-slate-600">{scope === 'selected' ? t('users.manage.scopeSelected', { count: selected }) : t('users.manage.scopeAll')}</p>
        {error && <Alert tone="error">{t(error)}</Alert>}
        <ul className="flex flex-col gap-2">
          {actions.map((action) => (
            <li key={action}>
              <Button variant={bulkActionDef(action).danger ? 'danger' : 'secondary'} className="w-full justify-start" disabled={busy} onClick={() => pick(action)}>
                {t(`users.manage.actions.${action}.${scope}`)}
              </Button>
            </li>
          ))}
        </ul>
        <div className="flex justify-end">
          <Button variant="ghost" onClick={onClose}>
            {t('users.manage.close')}
          </Button>
        </div>
      </div>
      <TypedConfirmDialog
        open={confirming !== null}
        title={confirming ? t(`users.manage.actions.${confirming}.${scope}`) : ''}
        description={confirming ? t(`users.manage.confirm.${confirming}.${scope}`, { count: selected }) : ''}
        word={word}
        confirmLabel={confirming ? t(`users.manage.confirmButton.${confirming}`) : ''}
        busy={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const action = confirming;
          setConfirming(null);
          if (action) onStart(action);
        }}
      />
    </dialog>
  );
}
