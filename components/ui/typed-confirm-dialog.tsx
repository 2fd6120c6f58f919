'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from './button';

export type ConfirmWord = 'delete' | 'deactivate' | 'reactivate' | 'reset' | 'confirm';

interface Props {
  open: boolean;
  title: string;
  description: string;
  /** SHELL-7: the word to type, shown and compared in the user's language. */
  word: ConfirmWord;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal that enables its action only once the user has typed the localised word (SHELL-7). */
export function TypedConfirmDialog({ open, title, description, word, confirmLabel, busy, onConfirm, onCancel }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const titleId = useId();
  const expected = t(`confirmWords.${word}`);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped('');
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const matches = typed.trim().toLocaleLowerCase() === expected.toLocaleLowerCase();
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={onCancel} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
      <form
        method="dialog"
        className="flex flex-col gap-4 p-6"
        onSubmit={(e) => {
          e.preventDefault();
          if (matches) onConfirm();
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="text-sm text-slate-600">{description}</p>
        <label htmlFor={inputId} className="text-sm">
          {t('confirmDialog.typeToConfirm', { word: expected })}
        </label>
        <input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" className="rounded border border-slate-300 px-3 py-2 text-sm" />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="danger" disabled={!matches || busy}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
