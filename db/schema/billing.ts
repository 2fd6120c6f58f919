import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { accounts, partnerOrgs } from './tenancy';

/** What an order sells (ORD-1): Mitel One at a bundle level, or MiTeam Meetings. */
export const orderProduct = pgEnum('order_product', ['mitelOne', 'miteamMeetings']);
/** The Mitel One bundle levels (M1-2). */
export const mitelOneLevel = pgEnum('mitel_one_level', ['essential', 'premier', 'elite']);
/** Whether the billing system has activated the order; pending ones can't be assigned yet (ORD-2). */
export const orderActivation = pgEnum('order_activation', ['active', 'pending']);

/**
 * An order of licences a partner bought (ORD-1..3), written by the billing system through the
 * ingestion API and identified there by its SAP order id. Assigned to at most one account; all its
 * licences go to that account.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrgId: uuid('partner_org_id')
      .notNull()
      .references(() => partnerOrgs.id, { onDelete: 'cascade' }),
    sapOrderId: text('sap_order_id').notNull(),
    product: orderProduct('product').notNull(),
    /** Mitel One only. */
    level: mitelOneLevel('level'),
    licenceCount: integer('licence_count').notNull(),
    /** The term in months; null for perpetual orders. */
    termMonths: integer('term_months'),
    purchaseDate: date('purchase_date', { mode: 'string' }).notNull(),
    /** Last day of the term; null for perpetual orders. */
    expiresOn: date('expires_on', { mode: 'string' }),
    perpetual: boolean('perpetual').notNull().default(false),
    activation: orderActivation('activation').notNull().default('active'),
    trackingNumber: text('tracking_number').notNull(),
    resellerPo: text('reseller_po'),
    resellerSapId: text('reseller_sap_id'),
    customerPo: text('customer_po'),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_sap_order_uq').on(t.partnerOrgId, t.sapOrderId),
    index('orders_account_idx').on(t.accountId),
    index('orders_partner_created_idx').on(t.partnerOrgId, t.createdAt),
    check('orders_licences_positive', sql`${t.licenceCount} > 0`),
    check('orders_term', sql`(${t.perpetual} and ${t.expiresOn} is null) or (not ${t.perpetual} and ${t.expiresOn} is not null)`),
    check('orders_level', sql`(${t.product} = 'mitelOne') = (${t.level} is not null)`),
  ],
);

/**
 * A key the billing system uses on the ingestion API for one partner organisation (ORD-1). Only a
 * SHA-256 of the key is kept; `prefix` (its first characters) lets admins tell keys apart.
 */
export const partnerApiKeys = pgTable(
  'partner_api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrgId: uuid('partner_org_id')
      .notNull()
      .references(() => partnerOrgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('partner_api_keys_hash_uq').on(t.secretHash), index('partner_api_keys_org_idx').on(t.partnerOrgId)],
);

export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type PartnerApiKey = typeof partnerApiKeys.$inferSelect;
