import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import type { T } from '@/lib/i18n/translator';
import type { AccountSubscriptions } from '@/lib/orders/account-subscriptions';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';

const productName = (t: T, product: string, level: string | null) =>
  level ? `${t(`subscriptions.products.${product}`)} ${t(`users.products.levels.${level}`)}` : t(`subscriptions.products.${product}`);

/**
 * ORD-4 Subscriptions panel (bottom of the account page, and Billing → Subscriptions): each order
 * assigned to the account with its licences, dates and status, the licences still free, the ORD-6
 * warning, and "Add order", which opens the unassigned orders with this account preselected and
 * comes back after assigning.
 */
export function SubscriptionsPanel({ t, locale, accountId, data }: { t: T; locale: string; accountId: string; data: AccountSubscriptions }) {
  const day = (iso: string) => dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  return (
    <div className="flex flex-col gap-4">
      {data.withoutIntegration.map((p) => (
        <Alert key={p} tone="info">
          {t('subscriptions.withoutIntegration', { product: t(`subscriptions.products.${p}`) })}
        </Alert>
      ))}
      {data.subscriptions.length === 0 ? (
        <p className="text-sm text-slate-600">{t('subscriptions.empty')}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('subscriptions.title')}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4">{t('subscriptions.columns.subscription')}</th>
              <th scope="col" className="py-2 pr-4">{t('subscriptions.columns.product')}</th>
              <th scope="col" className="py-2 pr-4">{t('subscriptions.columns.licences')}</th>
              <th scope="col" className="py-2 pr-4">{t('subscriptions.columns.start')}</th>
              <th scope="col" className="py-2 pr-4">{t('subscriptions.columns.end')}</th>
              <th scope="col" className="py-2">{t('subscriptions.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.subscriptions.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                <td className="py-2 pr-4 font-mono text-xs">{s.sapOrderId}</td>
                <td className="py-2 pr-4">{productName(t, s.product, s.level)}</td>
                <td className="py-2 pr-4">{s.licenceCount}</td>
                <td className="py-2 pr-4">{day(s.purchaseDate)}</td>
                <td className="py-2 pr-4">{s.expiresOn ? day(s.expiresOn) : t('subscriptions.perpetual')}</td>
                <td className="py-2">{t(`subscriptions.status.${s.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.free.length > 0 && (
        <ul aria-label={t('subscriptions.freeLabel')} className="flex flex-wrap gap-4 text-sm">
          {data.free.map((f) => (
            <li key={`${f.product}:${f.level ?? ''}`}>{t('subscriptions.free', { product: productName(t, f.product, f.level), count: f.free })}</li>
          ))}
        </ul>
      )}
      {data.free
        .filter((f) => f.overAssigned > 0)
        .map((f) => (
          <Alert key={`over:${f.product}:${f.level ?? ''}`} tone="error">
            {t('subscriptions.overAssigned', { product: productName(t, f.product, f.level), count: f.overAssigned })}
          </Alert>
        ))}
      {data.canAddOrder && (
        <div>
          <Link href={`/orders?view=unassigned&assignTo=${accountId}`} className="inline-block rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            {t('subscriptions.addOrder')}
          </Link>
        </div>
      )}
    </div>
  );
}
