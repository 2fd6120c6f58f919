'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { usePopover } from '@/components/ui/use-dismiss';

const menuItems = (menu: HTMLElement | null) => Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

/**
 * The "⋯" menu next to "Add user" (menu-button pattern): opening it focuses the first item,
 * arrows, Home and End move between items, Escape closes it and gives the focus back to the
 * button, and tabbing out closes it. Holds "Import users" (F-IMP) for now.
 */
export function UsersMoreMenu({ accountId }: { accountId: string }) {
  const t = useT();
  const { open, ref, close, toggle } = usePopover();
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) menuItems(menuRef.current)[0]?.focus();
  }, [open]);

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = menuItems(menuRef.current);
    const at = list.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      list[(moves[e.key]! + list.length) % list.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
      buttonRef.current?.focus();
    }
  };

  return (
    <div
      ref={ref}
      className="relative"
      onBlur={(e) => {
        // Tab out of the menu (or the button) closes it; focus moving inside does not.
        if (open && !e.currentTarget.contains(e.relatedTarget as Node | null)) close();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-label={t('import.ui.moreActions')}
        title={t('import.ui.moreActions')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={toggle}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            toggle();
          }
        }}
        className="rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium leading-5 text-slate-800 hover:bg-slate-50"
      >
        <span aria-hidden>⋯</span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={t('import.ui.moreActions')}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-20 mt-1 w-48 rounded border border-slate-200 bg-white p-1 text-slate-800 shadow-lg"
        >
          <Link
            href={`/accounts/${accountId}/users/import`}
            role="menuitem"
            onClick={close}
            className="block rounded px-3 py-2 text-sm hover:bg-slate-100 focus:bg-slate-100"
          >
            {t('import.ui.title')}
          </Link>
        </div>
      )}
    </div>
  );
}
