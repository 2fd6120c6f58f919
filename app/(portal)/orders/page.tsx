import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrdersView } from '@/components/orders/orders-view';
import type { AccountOption, OrderRow } from '@/components/orders/types';
import { db } from '@/db/client';
import { getAccountInScope } from '@/lib/accounts/scope';
import { can } from '@/lib/authz';
import { currentLocale, requireUser } from '@/lib/auth/session';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { translator } from '@/lib/i18n/translator';
import { listOrders, OrderListParams } from '@/lib/orders/list-orders';
import { canAssignOrder, todayUtc } from '@/lib/orders/status';
import { firstValues, type RawSearchParams } from '@/lib/tables/search-params';
import { dateTimeFormat } from '@/lib/i18n/intl-cache';

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await currentLocale())('orders.page.title') };
}

/** `?assignTo=`: an account in scope to prefill the Assign dialog with; anything else is ignored. */
async function assignTarget(actor: Actor, accountId: string | undefined): Promise<AccountOption | null> {
  if (!accountId) return null;
  try {
    const account = await getAccountInScope(db(), actor, accountId);
    return { id: account.id, name: account.name };
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}

/** ORD-1..3 (seed: Billing → Orders): the partner organisation's orders. Partner only; others get 404. */
export default async function OrdersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireUser();
  const { actor } = user;
  if (actor.kind !== 'partner' || !can(actor, 'orders', 'view')) notFound();
  const raw = firstValues(await searchParams);
  const params = OrderListParams.parse(raw);
  const locale = await currentLocale();
  const t = translator(locale);
  const today = todayUtc();
  const [page, assignTo] = await Promise.all([listOrders(db(), actor, params, today), assignTarget(actor, raw.assignTo)]);
  // Calendar days in UTC, so the server's rendering and the reader's agree.
  const date = dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const day = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
  const rows: OrderRow[] = page.rows.map((r) => ({
    id: r.id,
    sapOrderId: r.sapOrderId,
    product: r.product,
    level: r.level,
    licenceCount: r.licenceCount,
    termMonths: r.perpetual ? null : r.termMonths,
    perpetual: r.perpetual,
    purchaseDate: day(r.purchaseDate),
    expiresOn: r.expiresOn ? day(r.expiresOn) : null,
    trackingNumber: r.trackingNumber,
    resellerPo: r.resellerPo,
    resellerSapId: r.resellerSapId,
    customerPo: r.customerPo,
    accountId: r.accountId,
    accountName: r.accountName,
    status: r.status,
    assignable: r.accountId === null && canAssignOrder(r, today),
  }));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">{t('orders.page.title')}</h1>
        <p className="text-sm text-slate-600">{t('orders.page.intro')}</p>
      </div>
      <OrdersView rows={rows} total={page.total} nextCursor={page.nextCursor} view={params.view} query={params.q} assignTo={assignTo} />
    </div>
  );
}
