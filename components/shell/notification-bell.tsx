'use client';

import { useId, useState } from 'react';
import { deleteNotificationAction } from '@/app/(portal)/actions';
import { useT } from '@/components/i18n-provider';
import { usePopover } from '@/components/ui/use-dismiss';

export interface BellItem {
  id: string;
  status: 'info' | 'running' | 'success' | 'error';
  titleKey: string;
  params: Record<string, string | number>;
  details: string | null;
  progress: number | null;
  createdAt: string;
}

/**
 * SHELL-4: badge, recent activity and job progress. "Dismiss all" hides the current items until
 * the next page load; the X deletes one for good.
 */
export function NotificationBell({ initial }: { initial: BellItem[] }) {
  const t = useT();
  const [deleted, setDeleted] = useState<Set<string>>(new Set());
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const { open, ref, toggle } = usePopover();
  const [expanded, setExpanded] = useState<string | null>(null);
  const panelId = useId();

  const visible = initial.filter((n) => !dismissed.has(n.id) && !deleted.has(n.id));
  const remove = async (id: string) => {
    const res = await deleteNotificationAction(id);
    if (res.ok) setDeleted((d) => new Set(d).add(id));
  };

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        className="relative rounded p-2 hover:bg-brand-700"
      >
        <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        <span className="sr-only">{t('notifications.title')}</span>
        {visible.length > 0 && <span className="absolute -right-1 -top-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold">{visible.length}</span>}
      </button>
      {open && (
        <section id={panelId} aria-label={t('notifications.title')} className="absolute right-0 z-20 mt-2 w-96 rounded border border-slate-200 bg-white text-slate-800 shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
            <h2 className="text-sm font-semibold">{t('notifications.title')}</h2>
            <button type="button" className="text-xs text-brand-700 hover:underline disabled:text-slate-400" disabled={visible.length === 0} onClick={() => setDismissed(new Set(initial.map((n) => n.id)))}>
              {t('notifications.dismissAll')}
            </button>
          </div>
          {visible.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-500">{t('notifications.empty')}</p>
          ) : (
            <ul className="max-h-96 overflow-y-auto">
              {visible.map((n) => (
                <li key={n.id} className="flex gap-2 border-b border-slate-100 px-3 py-2 text-sm">
                  <div className="flex-1">
                    <p className={n.status === 'error' ? 'text-red-700' : ''}>{t(n.titleKey, n.params)}</p>
                    {n.status === 'running' && n.progress !== null && (
                      <progress className="w-full" max={100} value={n.progress} aria-label={t('notifications.progress')} />
                    )}
                    <p className="text-xs text-slate-500">{new Date(n.createdAt).toLocaleString()}</p>
                    {n.details && (
                      <>
                        <button type="button" className="text-xs text-brand-700 hover:underline" aria-expanded={expanded === n.id} onClick={() => setExpanded(expanded === n.id ? null : n.id)}>
                          {t('notifications.viewDetails')}
                        </button>
                        {expanded === n.id && <p className="mt-1 whitespace-pre-wrap text-xs text-slate-600">{n.details}</p>}
                      </>
                    )}
                  </div>
                  <button type="button" aria-label={t('notifications.delete')} className="h-6 w-6 rounded text-slate-500 hover:bg-slate-100" onClick={() => remove(n.id)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
