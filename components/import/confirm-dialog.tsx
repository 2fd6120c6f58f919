'use client';

import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';

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
 * A plain modal confirmation (no word to type, unlike TypedConfirmDialog). The safe choice comes
 * first, so it is the one focused on opening.
 */
export function ConfirmDialog({ open, title, description, confirmLabel, dismissLabel, busy, onConfirm, onDismiss }: Props) {
  const descriptionId = useId();
  return (
    <Modal open={open} title={title} onClose={onDismiss} describedBy={descriptionId}>
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
    </Modal>
  );
}
