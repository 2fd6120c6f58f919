import { sql } from 'drizzle-orm';
import { users } from './identity';
import { type AnyPgColumn, boolean, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** `deleting`: a delete was confirmed and the job that removes the data is running (ACC-5). */
export const accountStatus = pgEnum('account_status', ['active', 'deactivated', 'deleting']);
export const cloudLocation = pgEnum('cloud_location', ['us', 'eu', 'ap']);

/** A reseller's organisation ("partner account"). Holds partner users; never carries integrations. */
export const partnerOrgs = pgTable(
  'partner_orgs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** `<issuer>|<organisation claim>` for organisations created by an OIDC first login. */
    externalId: text('external_id'),
    /** The organisation's billing (SAP) account; without one there is no "Add order" (ORD-4). */
    billingAccount: text('billing_account'),
    /** Prime partners buy through distribution: no Subscriptions panel (ORD-4). */
    prime: boolean('prime').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('partner_orgs_external_id_uq').on(t.externalId)],
);

/** A customer account of a partner organisation. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrgId: uuid('partner_org_id')
      .notNull()
      .references(() => partnerOrgs.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    status: accountStatus('status').notNull().default('active'),
    country: text('country').notNull(),
    province: text('province'),
    address: text('address'),
    city: text('city'),
    postalCode: text('postal_code'),
    defaultLanguage: text('default_language').notNull().default('en'),
    businessType: text('business_type'),
    cloudLocation: cloudLocation('cloud_location').notNull().default('eu'),
    sapCustomerNo: text('sap_customer_no'),
    pbxType: text('pbx_type'),
    bandwidthOptimisation: boolean('bandwidth_optimisation').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [
    index('accounts_partner_org_idx').on(t.partnerOrgId),
    index('accounts_name_idx').on(t.partnerOrgId, sql`lower(${t.name})`),
  ],
);

/** Which customer accounts an account manager (a restricted partner admin) may reach (MGR-5). */
export const accountManagerAssignments = pgTable(
  'account_manager_assignments',
  {
    userId: uuid('user_id')
      .notNull()
      .references((): AnyPgColumn => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.accountId] }), index('amgr_account_idx').on(t.accountId)],
);

/** SUP-1: who supports a customer account: partner users, or explicit e-mail addresses. */
export const supportContacts = pgTable(
  'support_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The partner user, when the contact is one; otherwise only the e-mail address. */
    userId: uuid('user_id').references((): AnyPgColumn => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('support_contacts_account_email_uq').on(t.accountId, sql`lower(${t.email})`), index('support_contacts_user_idx').on(t.userId)],
);

export type PartnerOrg = typeof partnerOrgs.$inferSelect;
export type SupportContact = typeof supportContacts.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
