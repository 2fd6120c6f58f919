/** What a key pressed in a combobox's input does (WAI-ARIA APG combobox with a listbox popup). */
export type ComboboxKeyAction =
  | { type: 'open' }
  | { type: 'activate'; index: number }
  | { type: 'pick'; index: number }
  | { type: 'enter' }
  | { type: 'close' };

export interface ComboboxKeyState {
  open: boolean;
  /** Open and with a list to show. */
  expanded: boolean;
  active: number;
  count: number;
  /** Whether Enter without a highlighted option means something (e.g. "add what was typed"). */
  enterFallback: boolean;
}

/**
 * Down opens a closed list or moves down, Up moves up, Enter picks the highlighted option (or
 * falls back), Escape closes an open list. `null`: the key is left to the browser, so Enter
 * submits the surrounding form and Escape closes a surrounding dialog.
 */
export function comboboxKeyAction(key: string, s: ComboboxKeyState): ComboboxKeyAction | null {
  const highlighted = s.expanded && s.active >= 0 && s.active < s.count;
  switch (key) {
    case 'ArrowDown':
      if (!s.open) return { type: 'open' };
      return s.expanded && s.count > 0 ? { type: 'activate', index: Math.min(s.active + 1, s.count - 1) } : null;
    case 'ArrowUp':
      return s.expanded && s.count > 0 ? { type: 'activate', index: Math.max(s.active - 1, 0) } : null;
    case 'Enter':
      if (highlighted) return { type: 'pick', index: s.active };
      return s.enterFallback ? { type: 'enter' } : null;
    case 'Escape':
      return s.expanded ? { type: 'close' } : null;
    default:
      return null;
  }
}
