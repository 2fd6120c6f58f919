'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Closes a popover on Escape or on a click outside `ref`. */
export function useDismiss(ref: RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    const onMouse = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('mousedown', onMouse);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onMouse);
      document.removeEventListener('keydown', onKey);
    };
  }, [ref, close]);
}

/** Open state of a disclosure popover that Escape and outside clicks close; `ref` goes on its wrapper. */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  useDismiss(ref, close);
  return { open, ref, close, toggle };
}
