'use client';

import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { Button } from '@/components/ui/button';
import type { OrderStatus } from '@/lib/orders/status';
import type { OrderRow } from './types';

const BADGE: Record<Exclude<OrderStatus, 'ACTIVE'>, string> = {
  ASSIGN: 'bg-brand-50 text-brand-900 ring-brand-100',
  EXPIRING_SOON: 'bg-amber-100 text-amber-900 ring-amber-200',
  EXPIRED: 'bg-red-100 text-red-800 ring-red-200',
  PERPETUAL: 'bg-green-100 text-green-800 ring-green-200',
  PENDING_ACTIVATION: 'bg-slate-100 text-slate-800 ring-slate-200',
};

/** ORD-2: the status badge; a running, assigned order (ACTIVE) needs none. */
export function OrderStatusBadge({ status, t }: { status: OrderStatus; t: TFunction }) {
  if (status === 'ACTIVE') return null;
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${BADGE[status]}`}>{t(`orders.status.${status}`)}</span>;
}

export function productLabel(t: TFunction, row: Pick<OrderRow, 'product' | 'level'>): string {
  const product = t(`orders.page.products.${row.product}`);
  return row.level ? `${product} ${t(`orders.page.levels.${row.level}`)}` : product;
}

export function AccountCell({ row, t }: { row: OrderRow; t: TFunction }) {
  if (row.accountName) return <>{row.accountName}</>;
  return (
    <>
      <span aria-hidden>—</span>
      <span className="sr-only">{t('orders.page.notAssigned')}</span>
    </>
  );
}

export function orderColumns(t: TFunction, { onOpen, onAssign }: { onOpen: (row: OrderRow) => void; onAssign: (row: OrderRow) => void }): ColumnDef<OrderRow>[] {
  return [
    {
      id: 'sapOrderId',
      header: () => t('orders.page.columns.sapOrderId'),
      cell: ({ row }) => (
        <button type="button" onClick={() => onOpen(row.original)} className="font-medium text-brand-700 hover:underline" title={t('orders.page.openDetails', { id: row.original.sapOrderId })}>
          {row.original.sapOrderId}
        </button>
      ),
    },
    { id: 'product', header: () => t('orders.page.columns.product'), cell: ({ row }) => productLabel(t, row.original) },
    { id: 'licences', header: () => t('orders.page.columns.licences'), cell: ({ row }) => row.original.licenceCount },
    { id: 'account', header: () => t('orders.page.columns.account'), cell: ({ row }) => <AccountCell row={row.original} t={t} /> },
    { id: 'purchaseDate', header: () => t('orders.page.columns.purchaseDate'), cell: ({ row }) => <span className="whitespace-nowrap">{row.original.purchaseDate}</span> },
    {
      id: 'expiryDate',
      header: () => t('orders.page.columns.expiryDate'),
      cell: ({ row }) => <span className="whitespace-nowrap">{row.original.expiresOn ?? t('orders.page.perpetual')}</span>,
    },
    { id: 'trackingNumber', header: () => t('orders.page.columns.trackingNumber'), cell: ({ row }) => row.original.trackingNumber },
    { id: 'status', header: () => t('orders.page.columns.status'), cell: ({ row }) => <OrderStatusBadge status={row.original.status} t={t} /> },
    {
      id: 'actions',
      header: () => <span className="sr-only">{t('orders.page.columns.actions')}</span>,
      cell: ({ row }) =>
        row.original.assignable ? (
          <Button variant="secondary" className="px-3 py-1" aria-label={t('orders.page.assignLabel', { id: row.original.sapOrderId })} onClick={() => onAssign(row.original)}>
            {t('orders.page.assign')}
          </Button>
        ) : null,
    },
  ];
}
