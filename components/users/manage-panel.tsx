'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { LicenceBulkSection } from '@/components/licences/licence-bulk-section';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';
import { bulkActionDef, type BulkAction } from '@/lib/users/bulk-actions';

interface Props {
  open: boolean;
  accountId: string;
  actions: BulkAction[];
  /** The selected users; empty means the actions apply to every user of the account. */
  selectedIds: string[];
  /** The actor may change licences (Users "Edit"): the panel shows "Bulk user settings". */
  licences: boolean;
  busy: boolean;
  error: string | null;
  onStart: (action: BulkAction) => void;
  onClose: () => void;
}

/**
 * USR-5 "Manage (x)": the licence settings of the selection (M1-2, MTM-1) and one button per action
 * of the registry the actor may use. Deleting asks for the typed word (SHELL-7); any action on
 * every user of the account asks for "confirm" first.
 */
export function ManagePanel({ open, accountId, actions, selectedIds, licences, busy, error, onStart, onClose }: Props) {
  const t = useT();
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const selected = selectedIds.length;
  const scope = selected > 0 ? 'selected' : 'all';

  const pick = (action: BulkAction) => {
    if (bulkActionDef(action).confirmWord || scope === 'all') setConfirming(action);
    else onStart(action);
  };
  const word = confirming ? (bulkActionDef(confirming).confirmWord ?? 'confirm') : 'confirm';

  return (
    <Modal open={open} title={scope === 'selected' ? t('users.manage.titleSelected', { count: selected }) : t('users.manage.titleAll')} onClose={onClose} wide>
      <p className="text-sm text-slate-600">{scope === 'selected' ? t('users.manage.scopeSelected', { count: selected }) : t('users.manage.scopeAll')}</p>
      {licences && <LicenceBulkSection accountId={accountId} userIds={selected ? selectedIds : null} />}
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
    </Modal>
  );
}
