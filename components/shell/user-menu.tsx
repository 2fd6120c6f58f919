'use client';

import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useId } from 'react';
import { useT } from '@/components/i18n-provider';
import { usePopover } from '@/components/ui/use-dismiss';

/** The avatar menu: who is signed in, change password, sign out. */
export function UserMenu({ name, email, isPasswordUser }: { name: string; email: string; isPasswordUser: boolean }) {
  const t = useT();
  const { open, ref, close, toggle } = usePopover();
  const menuId = useId();
  const initials = name.split(/\s+/).map((p) => p[0]).join('').slice(0, 2).toUpperCase();
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={toggle}
        className="flex items-center gap-2 rounded px-2 py-1 hover:bg-brand-700"
      >
        <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold">
          {initials}
        </span>
        <span className="text-sm">{name}</span>
      </button>
      {open && (
        <div id={menuId} className="absolute right-0 z-20 mt-2 w-64 rounded border border-slate-200 bg-white p-2 text-slate-800 shadow-lg">
          <p className="px-2 py-1 text-xs text-slate-500">{email}</p>
          {isPasswordUser && (
            <Link href="/settings/password" className="block rounded px-2 py-2 text-sm hover:bg-slate-100" onClick={close}>
              {t('nav.password')}
            </Link>
          )}
          <button type="button" className="block w-full rounded px-2 py-2 text-left text-sm hover:bg-slate-100" onClick={() => signOut({ callbackUrl: '/sign-in' })}>
            {t('header.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
