import type { ReactNode } from 'react';

/** A titled white card, a region named by its title; `level` keeps the page's heading order. */
export function Panel({ title, level = 2, children }: { title: string; level?: 2 | 3; children: ReactNode }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <Heading className={`${level === 2 ? 'mb-4' : 'mb-3'} text-base font-semibold`}>{title}</Heading>
      {children}
    </section>
  );
}
