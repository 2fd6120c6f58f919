import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, partnerOrgs } from './tenancy';

export const baseRole = pgEnum('base_role', ['partner', 'admin', 'user']);
export const userSource = pgEnum('user_source', ['portal', 'oidc', 'scim', 'pbx', 'micloud']);
export const tokenPurpose = pgEnum('token_purpose', ['welcome', 'reset']);

/**
 * Roles: the three fixed base roles (partner_org_id NULL, `key` set) and custom roles of a
 * partner organisation deriving from `partner` or `admin` (ROLE-1, ROLE-2).
 */
export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrgId: uuid('partner_org_id').references(() => partnerOrgs.id, { onDelete: 'cascade' }),
    key: baseRole('key'),
    baseRole: baseRole('base_role').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roles_key_uq').on(t.key),
    index('roles_partner_org_idx').on(t.partnerOrgId),
    // ROLE-2: a custom role's name is unique within its partner organisation (case-insensitive).
    uniqueIndex('roles_org_name_uq').on(t.partnerOrgId, sql`lower(${t.name})`),
  ],
);

/**
 * ROLE-4: the customer accounts an Admin-based custom role is assigned to. Once assigned, the role
 * can be given to any user of that account.
 */
export const roleAccounts = pgTable(
  'role_accounts',
  {
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.accountId] }), index('role_accounts_account_idx').on(t.accountId)],
);

/** The ticked boxes of a custom role. Base roles take theirs from lib/authz. */
export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    permission: text('permission').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

/**
 * Users of a partner organisation (account_id NULL) or of one customer account.
 * E-mail is the sign-in name, unique across the installation (case-insensitive).
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrgId: uuid('partner_org_id')
      .notNull()
      .references(() => partnerOrgs.id, { onDelete: 'restrict' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    displayName: text('display_name').notNull(),
    mobile: text('mobile'),
    /** Work phone number (E.164 when known). */
    phone: text('phone'),
    /** Sign-in name at an external source (PBX login, SCIM userName) when it differs from the e-mail. */
    loginId: text('login_id'),
    /** Set by a PBX or directory sync when the user disappeared at the source (USR-1 "Inactive"). */
    inactive: boolean('inactive').notNull().default(false),
    iotConnected: boolean('iot_connected').notNull().default(false),
    /** Lower-cased "name email" for as-you-type search (trigram index). */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`lower(coalesce(${users.displayName}, '') || ' ' || coalesce(${users.firstName}, '') || ' ' || coalesce(${users.lastName}, '') || ' ' || ${users.email})`,
      ),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'restrict' }),
    isAccountManager: boolean('is_account_manager').notNull().default(false),
    source: userSource('source').notNull().default('portal'),
    externalId: text('external_id'),
    passwordHash: text('password_hash'),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    locale: text('locale'),
    /** Bumped to revoke every open session of the user (password change, role change). */
    sessionVersion: integer('session_version').notNull().default(1),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    index('users_account_idx').on(t.accountId),
    index('users_partner_org_idx').on(t.partnerOrgId),
    uniqueIndex('users_external_id_uq').on(t.partnerOrgId, t.source, t.externalId),
    // USR-8: unique within an account.
    uniqueIndex('users_account_mobile_uq').on(t.accountId, t.mobile),
    uniqueIndex('users_account_phone_uq').on(t.accountId, t.phone),
    uniqueIndex('users_account_login_uq').on(t.accountId, sql`lower(${t.loginId})`),
    // Keyset paging of the users list by name, and as-you-type search.
    index('users_account_name_idx').on(t.accountId, sql`lower(${t.displayName})`, t.id),
    index('users_account_email_idx').on(t.accountId, sql`lower(${t.email})`, t.id),
    index('users_account_modified_idx').on(t.accountId, t.updatedAt, t.id),
    index('users_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('users_manager_is_partner', sql`NOT ${t.isAccountManager} OR ${t.accountId} IS NULL`),
  ],
);

/** Welcome and password-reset links; only the SHA-256 of the token is stored. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: tokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('auth_tokens_hash_uq').on(t.tokenHash), index('auth_tokens_user_idx').on(t.userId)],
);

/** Failed sign-ins, for rate limiting by e-mail and by client address. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_email_idx').on(t.email, t.at), index('sign_in_failures_ip_idx').on(t.ip, t.at)],
);

/** Extension numbers of users; unique within an account (USR-8) and searchable by prefix. */
export const userExtensions = pgTable(
  'user_extensions',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    extension: text('extension').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.extension] }),
    index('user_extensions_user_idx').on(t.userId),
    index('user_extensions_prefix_idx').on(t.accountId, t.extension.op('text_pattern_ops')),
  ],
);

export type Role = typeof roles.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuthToken = typeof authTokens.$inferSelect;
