'use client';

import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useUrlState } from '@/components/data-table/use-url-state';

export interface UrlTab {
  value: string;
  label: string;
}

interface Props {
  /** Accessible name of the tab list. */
  label: string;
  /** The URL parameter that holds the tab; the first tab is the default and leaves it out. */
  param: string;
  tabs: UrlTab[];
  current: string;
  idPrefix: string;
  children: ReactNode;
}

/**
 * Tabs whose state lives in the URL (links and the back button keep it). WAI-ARIA tabs: one tab
 * stop, arrow keys / Home / End move between tabs and open them, the panel is labelled by its tab.
 */
export function UrlTabs({ label, param, tabs, current, idPrefix, children }: Props) {
  const { set } = useUrlState();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const open = (index: number) => {
    const tab = tabs[index];
    if (!tab) return;
    refs.current[index]?.focus();
    if (tab.value !== current) set({ [param]: index === 0 ? null : tab.value, q: null });
  };
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    open(target);
  };
  const tabId = (value: string) => `${idPrefix}-tab-${value}`;

  return (
    <div className="flex flex-col gap-4">
      <div role="tablist" aria-label={label} className="flex gap-6 border-b border-slate-200">
        {tabs.map((tab, index) => {
          const selected = tab.value === current;
          return (
            <button
              key={tab.value}
              ref={(el) => {
                refs.current[index] = el;
              }}
              id={tabId(tab.value)}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={`${idPrefix}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => open(index)}
              onKeyDown={(e) => onKeyDown(e, index)}
              className={`-mb-px border-b-2 px-1 pb-2 text-sm ${selected ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={tabId(current)} className="flex flex-col gap-4">
        {children}
      </div>
    </div>
  );
}
