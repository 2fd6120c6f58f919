'use client';

import { useCallback, useState, type KeyboardEvent } from 'react';
import { comboboxKeyAction } from './combobox-keys';

interface Options<T> {
  /** The listbox's id; option i gets `${listId}-${i}`. */
  listId: string;
  options: readonly T[];
  /** Whether the list has something to show while open (results arrived, options exist). */
  hasList: boolean;
  onPick: (option: T) => void;
  /** Enter with no highlighted option; without it Enter is left to the browser (the form submits). */
  onEnter?: () => void;
}

/**
 * The state, keyboard handling and ARIA wiring of a combobox whose input controls a listbox (the
 * focus stays in the input; `aria-activedescendant` points at the highlighted option). The
 * component renders the markup and decides what picking means.
 */
export function useCombobox<T>({ listId, options, hasList, onPick, onEnter }: Options<T>) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const expanded = open && hasList;
  const optionId = (i: number) => `${listId}-${i}`;
  // Stable, so effects that fetch options can depend on them.
  const openList = useCallback(() => setOpen(true), []);
  const closeList = useCallback(() => setOpen(false), []);
  const resetActive = useCallback(() => setActive(0), []);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const action = comboboxKeyAction(e.key, { open, expanded, active, count: options.length, enterFallback: !!onEnter });
    if (!action) return;
    if (action.type === 'open') openList();
    else if (action.type === 'activate') setActive(action.index);
    else if (action.type === 'pick') onPick(options[action.index]!);
    else if (action.type === 'enter') onEnter?.();
    else closeList();
    // Handled here: neither the form (Enter) nor a surrounding dialog (Escape) should act on it.
    e.preventDefault();
    e.stopPropagation();
  };

  return {
    open,
    expanded,
    active,
    /** For typing: the list opens again. */
    openList,
    closeList,
    /** New results: the first one is highlighted. */
    resetActive,
    inputProps: {
      role: 'combobox',
      'aria-expanded': expanded,
      'aria-controls': listId,
      'aria-autocomplete': 'list',
      'aria-activedescendant': expanded && active >= 0 && active < options.length ? optionId(active) : undefined,
      autoComplete: 'off',
      onFocus: openList,
      // Later than the option's mousedown, so a click on an option still lands.
      onBlur: () => setTimeout(closeList, 150),
      onKeyDown,
    } as const,
    optionProps: (i: number) =>
      ({
        id: optionId(i),
        role: 'option',
        'aria-selected': i === active,
        onMouseDown: (e: { preventDefault: () => void }) => {
          // Keeps the focus in the input.
          e.preventDefault();
          onPick(options[i]!);
        },
      }) as const,
  };
}
