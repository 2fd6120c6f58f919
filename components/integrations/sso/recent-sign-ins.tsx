'use client';

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';
import type { SsoSetupView } from '@/lib/sso/read-sso-setup';
import { SSO_CHECKS, type SsoCheck } from '@/lib/sso/refusal';

const FLOWS = ['sp', 'idp', 'test'] as const;
const isCheck = (c: string | null): c is SsoCheck => c !== null && (SSO_CHECKS as readonly string[]).includes(c);

/** Beyond SSO-3: the account's last single sign-on outcomes, each refusal with the check that failed. */
export function RecentSignIns({ rows }: { rows: SsoSetupView['recent'] }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const time = dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2 border-t border-slate-200 pt-4">
      <h3 id={titleId} className="text-base font-semibold">
        {t('sso.dialog.recent.title')}
      </h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t('sso.dialog.recent.empty')}</p>
      ) : (
        <ul aria-labelledby={titleId} className="divide-y divide-slate-100 rounded border border-slate-200 text-sm">
          {rows.map((r, i) => (
            <li key={`${r.at}-${i}`} className="flex flex-col gap-1 px-3 py-2">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <time dateTime={r.at} className="tabular-nums text-slate-600">
                  {time.format(new Date(r.at))}
                </time>
                <span className="min-w-0 break-all">{r.email ?? t('sso.dialog.recent.noEmail')}</span>
                {(FLOWS as readonly string[]).includes(r.flow) && <span className="text-xs text-slate-500">{t(`sso.dialog.recent.flows.${r.flow}`)}</span>}
                {r.ok ? (
                  <span className="rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-800">{t('sso.dialog.recent.ok')}</span>
                ) : (
                  <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">{isCheck(r.check) ? t(`sso.checks.${r.check}`) : t('sso.dialog.recent.failed')}</span>
                )}
              </div>
              {r.detail && (
                <details className="text-xs text-slate-600">
                  <summary className="cursor-pointer select-none">{t('sso.dialog.recent.detail')}</summary>
                  <p className="mt-1 break-words font-mono">{r.detail}</p>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
