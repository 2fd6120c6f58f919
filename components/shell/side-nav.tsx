'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useT } from '@/components/i18n-provider';
import type { NavItem } from '@/lib/shell/navigation';

export function SideNav({ items }: { items: NavItem[] }) {
  const t = useT();
  const pathname = usePathname();
  // The deepest matching entry is the current one (Users, not Account, on /accounts/x/users).
  const current = [...items].sort((a, b) => b.href.length - a.href.length).find((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  return (
    <nav aria-label={t('nav.label')} className="w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-4">
      <ul className="flex flex-col gap-1">
        {items.map((item) => {
          const active = item === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`block rounded px-3 py-2 text-sm ${active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-100'}`}
              >
                {t(item.labelKey)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
