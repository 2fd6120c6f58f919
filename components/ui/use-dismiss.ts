'use client';

import { useEffect, type RefObject } from 'react';

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
