'use client';

import { useEffect, useId, useRef } from 'react';
import { Button } from '@/components/ui/button';

interface Props {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  dismissLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onDismiss: () => void;
}

/**
 * A plain modal confirmation (no word to type, unlike TypedConfirmDialog): the native <dialog>
 * traps focus, closes on Escape and gives focus back to the button that opened it. The safe
 * choice comes first, so it is the one focused on opening.
 */
export function ConfirmDialog({ open, title, description, confirmLabel, dismissLabel, busy, onConfirm, onDismiss }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(e) => {
        e.preventDefault();
        onDismiss();
      }}
      className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex flex-col gap-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <p id={descriptionId} className="text-sm text-slate-600">
          {description}
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onDismiss}>
            {dismissLabel}
          </Button>
          <Button variant="danger" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
