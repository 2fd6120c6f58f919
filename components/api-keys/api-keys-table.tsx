import type { ApiKeyView } from '@/lib/billing/api-keys';
import type { Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';
import { RevokeKeyButton } from './revoke-key-button';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';

// Formatted on the server in UTC (named in the text), so the page reads the same for everyone.
const formatter = (locale: Locale) =>
  dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** The organisation's keys, newest first; a short list, so a plain table. */
export function ApiKeysTable({ rows, locale }: { rows: ApiKeyView[]; locale: Locale }) {
  const t = translator(locale);
  const date = formatter(locale);
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t('billing.apiKeys.list.empty')}</p>;
  const th = 'px-3 py-2 text-left font-medium text-slate-700';
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t('billing.apiKeys.list.title')}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t('billing.apiKeys.columns.name')}</th>
            <th scope="col" className={th}>{t('billing.apiKeys.columns.key')}</th>
            <th scope="col" className={th}>{t('billing.apiKeys.columns.created')}</th>
            <th scope="col" className={th}>{t('billing.apiKeys.columns.lastUsed')}</th>
            <th scope="col" className={th}>{t('billing.apiKeys.columns.status')}</th>
            <th scope="col" className={th}>
              <span className="sr-only">{t('billing.apiKeys.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">{row.name}</th>
              <td className="px-3 py-2 font-mono">{row.prefix}…</td>
              <td className="px-3 py-2">{date.format(row.createdAt)}</td>
              <td className="px-3 py-2">{row.lastUsedAt ? date.format(row.lastUsedAt) : t('billing.apiKeys.list.never')}</td>
              <td className="px-3 py-2">
                {row.revokedAt ? (
                  <span className="text-slate-600">{t('billing.apiKeys.status.revoked', { date: date.format(row.revokedAt) })}</span>
                ) : (
                  <span className="font-medium text-green-800">{t('billing.apiKeys.status.active')}</span>
                )}
              </td>
              <td className="px-3 py-2 text-right">{!row.revokedAt && <RevokeKeyButton keyId={row.id} name={row.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
