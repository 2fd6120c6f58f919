import Link from 'next/link';

/** The Voice Assist sub-navigation (seed 3769-3775); the page marks the current section. */
export function SectionNav({ label, items }: { label: string; items: { href: string; label: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="shrink-0 md:w-44">
      <ul className="flex gap-1 md:flex-col">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.current ? 'page' : undefined}
              className={`block rounded px-3 py-2 text-sm ${item.current ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
