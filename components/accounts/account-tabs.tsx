'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The account context's sections; the current one is marked for assistive technology. */
export function AccountTabs({ tabs, label }: { tabs: { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  const current = [...tabs].sort((a, b) => b.href.length - a.href.length).find((t) => pathname === t.href || pathname.startsWith(`${t.href}/`));
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="flex gap-6">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab === current ? 'page' : undefined}
              className={`-mb-px inline-block border-b-2 px-1 pb-2 text-sm ${tab === current ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
