import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './tenancy';

/**
 * An integration a customer account has (INT-1). `integration_id` is a catalogue id
 * (lib/integrations/catalogue.ts); `version` is the one installed, older than the catalogue's
 * when an update is available (INT-4).
 */
export const accountIntegrations = pgTable(
  'account_integrations',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    integrationId: text('integration_id').notNull(),
    version: integer('version').notNull(),
    setupDone: boolean('setup_done').notNull().default(false),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The primary key leads with account_id, so it is also the tenant index.
  (t) => [primaryKey({ columns: [t.accountId, t.integrationId] })],
);

/** The Privileges panel of an account (INT-3); the row is also the lock integration changes take. */
export const accountPrivileges = pgTable('account_privileges', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  delegatedAuthentication: boolean('delegated_authentication').notNull().default(false),
  guestAccess: boolean('guest_access').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AccountIntegration = typeof accountIntegrations.$inferSelect;
export type NewAccountIntegration = typeof accountIntegrations.$inferInsert;
export type AccountPrivileges = typeof accountPrivileges.$inferSelect;
