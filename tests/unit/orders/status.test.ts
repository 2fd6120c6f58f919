import { describe, expect, it } from 'vitest';
import { canAssignOrder, daysBetween, orderStatus, type OrderDates } from '@/lib/orders/status';

const TODAY = '2026-11-23';
const order = (o: Partial<OrderDates>): OrderDates => ({ activation: 'active', perpetual: false, expiresOn: '2027-11-22', accountId: null, ...o });

describe('order status (ORD-2)', () => {
  it.each<[string, Partial<OrderDates>, string, boolean]>([
    ['unassigned, a year to go', {}, 'ASSIGN', true],
    ['assigned, a year to go', { accountId: 'a' }, 'ACTIVE', true],
    ['pending activation wins over everything', { activation: 'pending', expiresOn: '2020-01-01' }, 'PENDING_ACTIVATION', false],
    ['expired yesterday', { expiresOn: '2026-11-22' }, 'EXPIRED', false],
    ['assigned and expired', { expiresOn: '2026-11-22', accountId: 'a' }, 'EXPIRED', false],
    ['expires today: still running, expiring soon', { expiresOn: TODAY }, 'EXPIRING_SOON', true],
    ['29 days left', { expiresOn: '2026-12-22' }, 'EXPIRING_SOON', true],
    ['30 days left', { expiresOn: '2026-12-23' }, 'ASSIGN', true],
    ['assigned, 10 days left (renewal coming)', { expiresOn: '2026-12-03', accountId: 'a' }, 'EXPIRING_SOON', true],
    ['perpetual', { perpetual: true, expiresOn: null }, 'PERPETUAL', true],
    ['perpetual and assigned', { perpetual: true, expiresOn: null, accountId: 'a' }, 'PERPETUAL', true],
  ])('%s', (_name, o, status, assignable) => {
    expect(orderStatus(order(o), TODAY)).toBe(status);
    expect(canAssignOrder(order(o), TODAY)).toBe(assignable);
  });

  it('counts calendar days across a daylight-saving change and a leap day', () => {
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });
});
