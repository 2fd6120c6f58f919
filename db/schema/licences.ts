import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mitelOneLevel, orderProduct } from './billing';
import { users } from './identity';
import { accounts } from './tenancy';

/**
 * A licence a user holds (ORD-5, M1-2, MTM-1): one per product, Mitel One at one level. It is
 * consumed from the account's pool of assigned, active, unexpired orders of that product (and
 * level); lib/licences takes the account's licence lock before counting, so the pool is never
 * over-assigned, also under concurrent requests.
 */
export const userLicences = pgTable(
  'user_licences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    product: orderProduct('product').notNull(),
    level: mitelOneLevel('level'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.product] }),
    index('user_licences_account_idx').on(t.accountId, t.product, t.level),
    check('user_licences_level', sql`(${t.product} = 'mitelOne') = (${t.level} is not null)`),
  ],
);

export type UserLicence = typeof userLicences.$inferSelect;
