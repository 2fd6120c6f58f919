import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { accounts } from './tenancy';

/**
 * SSO-1: an account's SAML identity provider, written by the "Single sign-on" or "Azure AD single
 * sign-on" Finish-setup dialog (one per account: the integration that configured it is kept).
 * Certificates are public keys, so they are stored as PEM, not sealed.
 */
export const ssoConnections = pgTable('sso_connections', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  integrationId: text('integration_id').notNull(),
  idpEntityId: text('idp_entity_id').notNull(),
  ssoUrl: text('sso_url').notNull(),
  certificates: text('certificates').array().notNull(),
  /** "Enable Mitel credentials (optional)": users may also sign in with a password (AUTH-4). */
  mitelCredentials: boolean('mitel_credentials').notNull().default(false),
  /** The earliest certificate expiry already warned about, so the warning is sent once per certificate. */
  expiryWarnedFor: timestamp('expiry_warned_for', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/**
 * SSO-2: AuthnRequests we sent, so a response's InResponseTo must name one of ours, unexpired and
 * unused. A "Test connection" request keeps its result here for the dialog to read.
 */
export const samlRequests = pgTable(
  'saml_requests',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'login' | 'test'>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    /** For tests: `{ ok, check, detail }` once the IdP answered. */
    result: jsonb('result').$type<{ ok: boolean; check: string | null; detail: string | null; email?: string | null }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saml_requests_account_idx').on(t.accountId), index('saml_requests_expires_idx').on(t.expiresAt)],
);

/** SSO-2 one-time use: assertion ids seen, kept until the assertion could no longer be valid. */
export const samlAssertions = pgTable(
  'saml_assertions',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    assertionId: text('assertion_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.assertionId] }), index('saml_assertions_expires_idx').on(t.expiresAt)],
);

/** The hand-over from the ACS to the next-auth session: single-use, a minute long, stored hashed. */
export const ssoTickets = pgTable(
  'sso_tickets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('sso_tickets_user_idx').on(t.userId)],
);

/** Every SSO sign-in outcome of an account, with the check that refused it (kept 30 days). */
export const ssoLoginLog = pgTable(
  'sso_login_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    check: text('check'),
    detail: text('detail'),
    email: text('email'),
    flow: text('flow').$type<'sp' | 'idp' | 'test'>().notNull(),
  },
  (t) => [index('sso_login_log_account_idx').on(t.accountId, t.at)],
);

/** SCIM-1: the account's SCIM bearer token (one at a time; generating again replaces it), hashed. */
export const scimTokens = pgTable('scim_tokens', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/**
 * SCIM-4 / USR-4: what a SCIM client sent about a user beyond the portal's own columns (other
 * e-mails and phone numbers, roles, addresses, the userName), shown in the user's "Advanced" section.
 */
export const scimUsers = pgTable(
  'scim_users',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userName: text('user_name').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('scim_users_account_idx').on(t.accountId)],
);

/** Beyond SCIM: the provisioning activity view, the last requests of an account (kept 30 days). */
export const scimActivity = pgTable(
  'scim_activity',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    method: text('method').notNull(),
    operation: text('operation').notNull(),
    path: text('path').notNull(),
    userId: uuid('user_id'),
    userName: text('user_name'),
    status: integer('status').notNull(),
    scimType: text('scim_type'),
    detail: text('detail'),
  },
  (t) => [index('scim_activity_account_idx').on(t.accountId, t.at), index('scim_activity_errors_idx').on(t.accountId, t.status, t.at)],
);

export type SsoConnection = typeof ssoConnections.$inferSelect;
export type SamlRequest = typeof samlRequests.$inferSelect;
export type ScimActivity = typeof scimActivity.$inferSelect;
