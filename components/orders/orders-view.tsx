'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { SearchBox } from '@/components/data-table/search-box';
import { useT } from '@/components/i18n-provider';
import { UrlTabs } from '@/components/managers/url-tabs';
import { Alert } from '@/components/ui/alert';
import type { OrderView } from '@/lib/orders/list-orders';
import { AssignOrderDialog } from './assign-order-dialog';
import { orderColumns } from './columns';
import { OrderDetailsDialog } from './order-details-dialog';
import type { AccountOption, OrderRow } from './types';

const VIEWS: OrderView[] = ['all', 'unassigned', 'expired'];

interface Props {
  rows: OrderRow[];
  total: number;
  nextCursor: string | null;
  view: OrderView;
  query: string;
  /** `?assignTo=`: the account the Subscriptions panel's "Add order" came from. */
  assignTo: AccountOption | null;
}

/** ORD-1..3: views and search in the URL, rows from the server, details and assignment in dialogs. */
export function OrdersView({ rows, total, nextCursor, view, query, assignTo }: Props) {
  const t = useT();
  const router = useRouter();
  const [details, setDetails] = useState<OrderRow | null>(null);
  const [assigning, setAssigning] = useState<OrderRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const columns = useMemo(() => orderColumns(t, { onOpen: setDetails, onAssign: setAssigning }), [t]);

  const onAssigned = (order: OrderRow, account: AccountOption) => {
    setAssigning(null);
    if (assignTo && account.id === assignTo.id) {
      router.push(`/accounts/${account.id}`);
      return;
    }
    setMessage(t('orders.page.assigned', { id: order.sapOrderId, account: account.name }));
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-4">
      {assignTo && <Alert tone="info">{t('orders.page.assignTo', { account: assignTo.name })}</Alert>}
      <div aria-live="polite">{message && <Alert tone="success">{message}</Alert>}</div>
      <UrlTabs label={t('orders.page.views.label')} param="view" tabs={VIEWS.map((v) => ({ value: v, label: t(`orders.page.views.${v}`) }))} current={view} idPrefix="orders">
        <div className="flex flex-col gap-1">
          <SearchBox query={query} label={t('orders.page.search')} />
          <p className="text-xs text-slate-500">{t('orders.page.searchHint')}</p>
        </div>
        <DataTable
          label={t('orders.page.listLabel')}
          columns={columns}
          rows={rows}
          rowId={(r) => r.id}
          total={total}
          nextCursor={nextCursor}
          emptyMessage={t(query ? 'orders.page.emptySearch' : 'orders.page.empty')}
        />
      </UrlTabs>
      <OrderDetailsDialog order={details} onClose={() => setDetails(null)} />
      {assigning && (
        <AssignOrderDialog key={assigning.id} order={assigning} initialAccount={assignTo} onClose={() => setAssigning(null)} onAssigned={(account) => onAssigned(assigning, account)} />
      )}
    </div>
  );
}
