import type { OrderStatus } from '@/lib/orders/status';

/** One order as the client shows it, with dates already rendered in the reader's language. */
export interface OrderRow {
  id: string;
  sapOrderId: string;
  product: 'mitelOne' | 'miteamMeetings';
  level: 'essential' | 'premier' | 'elite' | null;
  licenceCount: number;
  termMonths: number | null;
  perpetual: boolean;
  purchaseDate: string;
  /** Rendered expiry date, or null for perpetual orders. */
  expiresOn: string | null;
  trackingNumber: string;
  resellerPo: string | null;
  resellerSapId: string | null;
  customerPo: string | null;
  accountId: string | null;
  accountName: string | null;
  status: OrderStatus;
  /** Whether the Assign button shows: unassigned, and neither expired nor pending. */
  assignable: boolean;
}

export interface AccountOption {
  id: string;
  name: string;
}
