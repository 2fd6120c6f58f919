// Order status (ORD-2), pure and client-safe, computed from the order's dates on the day asked
// (never stored, so a page shows today's truth). Seed 001 lines 781-794.
//
// Rules, first match wins:
// - PENDING_ACTIVATION: the billing system has not activated the order yet.
// - EXPIRED: the term's last day (expires_on) is before today; it can no longer be assigned.
// - PERPETUAL: no end date.
// - EXPIRING_SOON: the term ends within EXPIRING_SOON_DAYS days (today included). The seed pairs
//   it with "and must be assigned"; we show it on assigned orders too, so a partner sees renewals
//   coming. 30 days: one monthly billing cycle of notice.
// - ASSIGN: not assigned to an account yet.
// - ACTIVE: assigned, running, nothing to do (no badge).

export const EXPIRING_SOON_DAYS = 30;
export const ORDER_STATUSES = ['PENDING_ACTIVATION', 'EXPIRED', 'PERPETUAL', 'EXPIRING_SOON', 'ASSIGN', 'ACTIVE'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderDates {
  activation: 'active' | 'pending';
  perpetual: boolean;
  /** ISO date (YYYY-MM-DD) of the term's last day, or null. */
  expiresOn: string | null;
  accountId: string | null;
}

/** Days from `from` to `to`, both ISO dates (calendar days, no time zone involved). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `today` is the calendar date (YYYY-MM-DD) the status is computed for. */
export function orderStatus(order: OrderDates, today: string): OrderStatus {
  if (order.activation === 'pending') return 'PENDING_ACTIVATION';
  if (!order.perpetual && order.expiresOn && order.expiresOn < today) return 'EXPIRED';
  if (order.perpetual || !order.expiresOn) return 'PERPETUAL';
  if (daysBetween(today, order.expiresOn) < EXPIRING_SOON_DAYS) return 'EXPIRING_SOON';
  return order.accountId ? 'ACTIVE' : 'ASSIGN';
}

/** Whether the order may be assigned to an account now (expired and pending ones may not). */
export function canAssignOrder(order: OrderDates, today: string): boolean {
  const status = orderStatus(order, today);
  return status !== 'EXPIRED' && status !== 'PENDING_ACTIVATION';
}

/** Today's calendar date in UTC, the portal's billing day. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
