'use client';

import type { ReactNode } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { AccountCell, OrderStatusBadge, productLabel } from './columns';
import type { OrderRow } from './types';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 last:border-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium text-slate-900">{children}</dd>
    </div>
  );
}

/** ORD-3 "order details": what was bought and where it went; the billing references behind a disclosure. */
export function OrderDetailsDialog({ order, onClose }: { order: OrderRow | null; onClose: () => void }) {
  const t = useT();
  const none = t('orders.page.details.none');
  return (
    <Modal open={order !== null} title={order ? t('orders.page.details.title', { id: order.sapOrderId }) : ''} onClose={onClose}>
      {order && (
        <>
          <p className="flex items-center gap-2 text-sm text-slate-700">
            {productLabel(t, order)} <OrderStatusBadge status={order.status} t={t} />
          </p>
          <dl className="text-sm">
            <Item label={t('orders.page.details.trackingNumber')}>{order.trackingNumber}</Item>
            <Item label={t('orders.page.details.licences')}>{order.licenceCount}</Item>
            <Item label={t('orders.page.details.account')}>
              <AccountCell row={order} t={t} />
            </Item>
            <Item label={t('orders.page.details.term')}>{order.termMonths === null ? t('orders.page.term.perpetual') : t('orders.page.term.months', { count: order.termMonths })}</Item>
            <Item label={t('orders.page.details.purchaseDate')}>{order.purchaseDate}</Item>
          </dl>
          <details className="rounded border border-slate-200 text-sm">
            <summary className="cursor-pointer px-3 py-2 font-medium text-brand-700">{t('orders.page.details.more')}</summary>
            <dl className="px-3 pb-2">
              <Item label={t('orders.page.details.resellerPo')}>{order.resellerPo ?? none}</Item>
              <Item label={t('orders.page.details.resellerSapId')}>{order.resellerSapId ?? none}</Item>
              <Item label={t('orders.page.details.customerPo')}>{order.customerPo ?? none}</Item>
              <Item label={t('orders.page.details.sapOrderId')}>{order.sapOrderId}</Item>
            </dl>
          </details>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose}>
              {t('orders.page.details.close')}
            </Button>
          </div>
        </>
      )}
    </Modal>
  );
}
