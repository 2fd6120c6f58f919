import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { accounts } from './tenancy';

/** A verification check's outcome as stored (TEAMS-5); the UI translates `check` and `remedy`. */
export interface StoredCheck {
  check: string;
  status: 'ok' | 'warning' | 'failed' | 'skipped';
  detail?: Record<string, string | number>;
}

/**
 * TEAMS-1: an account's Azure app registration for Microsoft Teams presence, written by the
 * "Microsoft Teams" Finish-setup dialog. The client secret is sealed (lib/crypto) and write-only.
 */
export const teamsConnections = pgTable('teams_connections', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tenantId: text('tenant_id').notNull(),
  clientId: text('client_id').notNull(),
  clientSecret: text('client_secret').notNull(),
  secretSetAt: timestamp('secret_set_at', { withTimezone: true }).notNull(),
  /** The secret's end date as Azure reports it (Application.Read.All), when it could be read. */
  secretExpiresAt: timestamp('secret_expires_at', { withTimezone: true }),
  /** TEAMS-2 "Sync presence from CloudLink to MS Teams". */
  syncToTeams: boolean('sync_to_teams').notNull().default(false),
  /** TEAMS-4 "Sync presence from MS Teams to CloudLink" (MiVoice Business + MiCollab only). */
  syncFromTeams: boolean('sync_from_teams').notNull().default(false),
  /** A subscription is being created until then: only then is Graph's validation handshake answered. */
  subscribingUntil: timestamp('subscribing_until', { withTimezone: true }),
  /** When Azure users were last matched to the account's users, and how many matched. */
  matchedAt: timestamp('matched_at', { withTimezone: true }),
  matchError: text('match_error'),
  /** TEAMS-6: Graph asked this tenant to slow down (429 Retry-After) or was unreachable; pushes wait until then. */
  backoffUntil: timestamp('backoff_until', { withTimezone: true }),
  backoffReason: text('backoff_reason'),
  outageStreak: integer('outage_streak').notNull().default(0),
  lastVerification: jsonb('last_verification').$type<{ at: string; checks: StoredCheck[] }>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * TEAMS-2: one row per user of an account with Teams presence sync: the Azure user matched to the
 * CloudLink e-mail, the presence last computed and last written to Graph, and whether a write is
 * due. `dirtySince` is the time of the earliest change not yet written (the latency is measured
 * from it); `pushedAction` null means nothing is known to be in Teams yet.
 */
export const teamsPresenceUsers = pgTable(
  'teams_presence_users',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** matched | noEmail | notInAzure | ambiguous */
    match: text('match').notNull(),
    graphUserId: text('graph_user_id'),
    graphUpn: text('graph_upn'),
    /** Out of scope (sync off, user no longer matched): its session is cleared, then the row goes. */
    inScope: boolean('in_scope').notNull().default(true),
    presence: text('presence'),
    decidedBy: text('decided_by'),
    pushedAction: text('pushed_action'),
    pushedAt: timestamp('pushed_at', { withTimezone: true }),
    sessionExpiresAt: timestamp('session_expires_at', { withTimezone: true }),
    dirtySince: timestamp('dirty_since', { withTimezone: true }),
    /** A pusher took the row until then; the due time it took is kept to measure the latency. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    claimedDirtySince: timestamp('claimed_dirty_since', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    lastAnswerAt: timestamp('last_answer_at', { withTimezone: true }),
    lastLatencyMs: integer('last_latency_ms'),
    /** TEAMS-4: what Teams last said of the user (a change notification), and its way to MiCollab. */
    teamsAvailability: text('teams_availability'),
    teamsActivity: text('teams_activity'),
    teamsAt: timestamp('teams_at', { withTimezone: true }),
    micollabDueSince: timestamp('micollab_due_since', { withTimezone: true }),
    micollabClaimedUntil: timestamp('micollab_claimed_until', { withTimezone: true }),
    micollabPushedAt: timestamp('micollab_pushed_at', { withTimezone: true }),
    micollabError: text('micollab_error'),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.userId] }),
    index('teams_presence_users_user_idx').on(t.userId),
    index('teams_presence_users_due_idx').on(t.dirtySince),
    index('teams_presence_users_session_idx').on(t.sessionExpiresAt),
    index('teams_presence_users_graph_idx').on(t.accountId, t.graphUserId),
    index('teams_presence_users_micollab_idx').on(t.micollabDueSince),
  ],
);

/**
 * TEAMS-4: a presence monitor — an Azure user of the tenant, with its own client secret of the
 * Teams app, that owns the Graph subscriptions of at most 650 users. Its refresh token (from
 * "Authorize now" or the copied URL) is sealed like the secret. `status`: authorized,
 * notAuthorized (with `statusReason`), needsUpdate (the tenant or client id changed).
 */
export const presenceMonitors = pgTable(
  'presence_monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    upn: text('upn').notNull(),
    clientSecret: text('client_secret').notNull(),
    secretSetAt: timestamp('secret_set_at', { withTimezone: true }).notNull(),
    status: text('status').$type<'authorized' | 'notAuthorized' | 'needsUpdate'>().notNull(),
    statusReason: text('status_reason'),
    refreshToken: text('refresh_token'),
    azureUserId: text('azure_user_id'),
    /** The tenant and app it was authorised for: another one makes it "needs update". */
    tenantId: text('tenant_id'),
    clientId: text('client_id'),
    authorizedAt: timestamp('authorized_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('presence_monitors_account_idx').on(t.accountId), uniqueIndex('presence_monitors_upn_uq').on(t.accountId, sql`lower(${t.upn})`)],
);

/** TEAMS-4: the "Copy URL" authorisation of a monitor, single use, a day. */
export const monitorAuthRequests = pgTable(
  'monitor_auth_requests',
  {
    stateHash: text('state_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => presenceMonitors.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('monitor_auth_requests_account_idx').on(t.accountId)],
);

/**
 * TEAMS-4: a Graph subscription to the presences of a monitor's users. Graph echoes `clientState`
 * in every notification; only its hash is kept, compared in constant time.
 */
export const graphSubscriptions = pgTable(
  'graph_subscriptions',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => presenceMonitors.id, { onDelete: 'cascade' }),
    graphUserIds: text('graph_user_ids').array().notNull(),
    clientStateHash: text('client_state_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** active | renewing (reauthorizationRequired) | removed (subscriptionRemoved: to be recreated) */
    status: text('status').notNull().default('active'),
    lastNotificationAt: timestamp('last_notification_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    renewedAt: timestamp('renewed_at', { withTimezone: true }),
  },
  (t) => [index('graph_subscriptions_account_idx').on(t.accountId), index('graph_subscriptions_monitor_idx').on(t.monitorId), index('graph_subscriptions_expires_idx').on(t.expiresAt)],
);

/**
 * O365-1: an account's Office 365 admin consent. `state` is succeeded, failed (no access) or
 * unknown (consent was given but could not be confirmed here).
 */
export const o365Consents = pgTable('o365_consents', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  state: text('state').$type<'succeeded' | 'failed' | 'unknown'>().notNull(),
  tenantId: text('tenant_id'),
  detail: text('detail'),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
});

/** O365-1: the `state` of an "Authorize on Azure" / "Copy URL" link, single use, 24 hours. */
export const o365ConsentRequests = pgTable(
  'o365_consent_requests',
  {
    stateHash: text('state_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('o365_consent_requests_account_idx').on(t.accountId)],
);

export type TeamsConnection = typeof teamsConnections.$inferSelect;
export type TeamsPresenceUser = typeof teamsPresenceUsers.$inferSelect;
export type O365Consent = typeof o365Consents.$inferSelect;
export type PresenceMonitor = typeof presenceMonitors.$inferSelect;
export type GraphSubscription = typeof graphSubscriptions.$inferSelect;
