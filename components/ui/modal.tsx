'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider for the catalogue's list of cards. */
  wide?: boolean;
  /** The id of the element that describes the dialog, if any. */
  describedBy?: string;
}

/**
 * The native modal <dialog> of the portal: it traps focus, closes on Escape (through `onClose`)
 * and gives focus back to the control that opened it. Its content exists only while it is open.
 */
export function Modal({ open, title, onClose, children, wide, describedBy }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

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
      aria-describedby={describedBy}
      onCancel={(e) => {
        // Escape closes this dialog only, not a dialog it was opened from.
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}
      className={`m-auto w-full ${wide ? 'max-w-2xl' : 'max-w-md'} rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="flex flex-col gap-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
