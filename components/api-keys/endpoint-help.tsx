import { CopyButton } from '@/components/ui/copy-button';
import type { Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';

// The smallest order the API accepts (lib/orders/schemas.ts): a Mitel One order with an expiry.
const EXAMPLE_ORDER = {
  sapOrderId: 'SAP-4500012345',
  product: 'mitelOne',
  level: 'essential',
  licenceCount: 10,
  purchaseDate: '2026-11-01',
  expiresOn: '2027-10-31',
  trackingNumber: 'TRK-778899',
};

/** Where and how the billing system sends orders, with the endpoint to copy and a curl example. */
export function EndpointHelp({ endpoint, locale }: { endpoint: string; locale: Locale }) {
  const t = translator(locale);
  const curl = [
    `curl -X POST '${endpoint}' \\`,
    `  -H "Authorization: Bearer <key>" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${JSON.stringify(EXAMPLE_ORDER)}'`,
  ].join('\n');
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-slate-700">{t('billing.apiKeys.endpoint.label')}</p>
        <div className="flex flex-wrap items-center gap-2">
          <code data-testid="api-endpoint" className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm text-slate-900">
            {endpoint}
          </code>
          <CopyButton value={endpoint} label={t('billing.apiKeys.endpoint.copy')} />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-slate-700">{t('billing.apiKeys.example.title')}</p>
        {/* Focusable so keyboard users can scroll the wide example (axe: scrollable-region-focusable). */}
        <pre tabIndex={0} role="region" aria-label={t('billing.apiKeys.example.title')} className="overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
          {curl}
        </pre>
        <p className="text-xs text-slate-600">{t('billing.apiKeys.example.hint')}</p>
      </div>
    </div>
  );
}
