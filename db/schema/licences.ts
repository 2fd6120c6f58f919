import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mitelOneLevel, orderProduct } from './billing';
import { users } from './identity';
import { accounts } from './tenancy';

/**
 * A product a user has (USR-7, ORD-5, M1-2, MTM-1): one per product. A MiTeam Meetings row is a
 * licence. A Mitel One row without a level is the product added but its setup not finished (no
 * licence consumed); with a level it consumes a licence of that level. Licences are consumed from
 * the account's pool of assigned, active, unexpired orders of that product (and level);
 * lib/licences takes the account's licence lock before counting, so the pool is never
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
    /** Mitel One: the user's own feature switches (absent = on); a level that lacks a feature ignores it. */
    features: jsonb('features').$type<Partial<Record<'chat' | 'miteamMeetings' | 'telephony', boolean>>>().notNull().default({}),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.product] }),
    index('user_licences_account_idx').on(t.accountId, t.product, t.level),
    check('user_licences_level', sql`${t.product} = 'mitelOne' or ${t.level} is null`),
  ],
);

export type UserLicence = typeof userLicences.$inferSelect;
