import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { accounts } from './tenancy';

// The CloudLink gateway and the PBX behind it (F-GW). docs/gateway-protocol.md is the wire
// protocol; these tables are the portal's side of it.

export const pbxType = pgEnum('pbx_type', ['mivo400', 'mv5000', 'mxone', 'mivb']);
export const gatewayModel = pgEnum('gateway_model', ['physical', 'virtual']);
export const gatewayPlatform = pgEnum('gateway_platform', ['standalone', 'smbc']);

export interface GatewaySite {
  name: string;
  address: { street: string; city: string; postalCode: string; province: string; country: string };
  ethernet: { port1: EthernetPort; port2: EthernetPort };
}
export type EthernetPort = { mode: 'dhcp' } | { mode: 'disabled' } | { mode: 'static'; ip: string; prefixLength: number; gateway: string; dns: string[] };

/** What the last PBX sync did (GW-3), shown by the wizard and the integration row. */
export interface SyncSummary {
  at: string;
  created: number;
  updated: number;
  inactivated: number;
  unchanged: number;
  /** PBX users the sync could not create: no e-mail, or an e-mail another user has. */
  skipped: { pbxUserId: string; name: string; extensions: string[]; reason: 'noEmail' | 'emailInUse' }[];
  skippedCount: number;
  devices: number;
}

/**
 * One gateway device. It exists from its first announcement; `account_id` is set when an account
 * claims it by its link code, and cleared by a factory reset. Not tenant-owned until claimed,
 * hence the nullable account id (with its index).
 */
export const gateways = pgTable(
  'gateways',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hardwareId: text('hardware_id').notNull(),
    /** SHA-256 of the normalised link code while the gateway waits to be claimed. */
    linkCodeHash: text('link_code_hash'),
    pollTokenHash: text('poll_token_hash'),
    credentialHash: text('credential_hash'),
    /** The plain credential, sealed, from the claim until the gateway collects it once. */
    credentialPickup: text('credential_pickup'),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    model: gatewayModel('model').notNull(),
    platform: gatewayPlatform('platform').notNull(),
    softwareVersion: text('software_version').notNull(),
    /** Set when a newer version is offered ("software update available", GW-1). */
    availableVersion: text('available_version'),
    scheduledUpdate: jsonb('scheduled_update').$type<{ version: string; at: string } | null>(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    site: jsonb('site').$type<GatewaySite | null>(),
    siteLinkedAt: timestamp('site_linked_at', { withTimezone: true }),
    pbxType: pbxType('pbx_type'),
    pbxAddress: text('pbx_address'),
    pbxUsername: text('pbx_username'),
    pbxPasswordSealed: text('pbx_password_sealed'),
    pbxVersion: text('pbx_version'),
    pbxLinkedAt: timestamp('pbx_linked_at', { withTimezone: true }),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    syncIntervalMinutes: integer('sync_interval_minutes').notNull().default(20),
    nextSyncAt: timestamp('next_sync_at', { withTimezone: true }),
    lastSync: jsonb('last_sync').$type<SyncSummary | null>(),
    /** The key of the last step's failure, shown as the integration's error state until the step succeeds. */
    errorKey: text('error_key'),
    errorParams: jsonb('error_params').$type<Record<string, string | number>>(),
    /** The last log bundle of each kind the gateway pushed (protocol §4 `logBundle`). */
    logBundles: jsonb('log_bundles').$type<Record<string, { at: string; lines: string[] }>>().notNull().default({}),
    deploymentSentAt: timestamp('deployment_sent_at', { withTimezone: true }),
    /** Factory reset requested (removal, account deletion); the reset job clears the row when the gateway confirms. */
    resetRequestedAt: timestamp('reset_requested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('gateways_hardware_id_uq').on(t.hardwareId),
    uniqueIndex('gateways_link_code_uq').on(t.linkCodeHash),
    uniqueIndex('gateways_poll_token_uq').on(t.pollTokenHash),
    // One gateway per account (the wizard links one site).
    uniqueIndex('gateways_account_uq').on(t.accountId),
    index('gateways_next_sync_idx').on(t.nextSyncAt).where(sql`${t.accountId} IS NOT NULL`),
  ],
);

export const gatewayCommandStatus = pgEnum('gateway_command_status', ['pending', 'done', 'failed', 'expired']);

/** Commands queued for a gateway's long-poll (protocol §3), with the result it sent back. */
export const gatewayCommands = pgTable(
  'gateway_commands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gatewayId: uuid('gateway_id')
      .notNull()
      .references(() => gateways.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: gatewayCommandStatus('status').notNull().default('pending'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    deliveries: integer('deliveries').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('gateway_commands_pending_idx').on(t.gatewayId, t.createdAt).where(sql`${t.status} = 'pending'`), index('gateway_commands_account_idx').on(t.accountId)],
);

/** Event ids a gateway has delivered (protocol §4): a replay is counted as a duplicate and changes nothing. */
export const gatewayEventReceipts = pgTable(
  'gateway_event_receipts',
  {
    gatewayId: uuid('gateway_id')
      .notNull()
      .references(() => gateways.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.gatewayId, t.eventId] }), index('gateway_event_receipts_received_idx').on(t.receivedAt)],
);

/**
 * The account's mirror of its PBX's users (GW-3): every PBX user, also those the sync could not
 * create a portal user for, linked to the portal user when there is one.
 */
export const pbxUsers = pgTable(
  'pbx_users',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    pbxUserId: text('pbx_user_id').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    extensions: text('extensions').array().notNull(),
    cloudlinkRole: boolean('cloudlink_role').notNull(),
    devices: integer('devices').notNull().default(1),
    /** False once the user is gone from the PBX. */
    present: boolean('present').notNull().default(true),
    /** What the PBX said, as one comparable string: a re-sync with no changes writes nothing. */
    fingerprint: text('fingerprint').notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.pbxUserId] }), index('pbx_users_user_idx').on(t.userId)],
);

/** Pages of a running sync's snapshot, staged until the whole snapshot is in (resumable, protocol §5). */
export const pbxSyncRuns = pgTable(
  'pbx_sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    gatewayId: uuid('gateway_id')
      .notNull()
      .references(() => gateways.id, { onDelete: 'cascade' }),
    snapshotId: text('snapshot_id'),
    total: integer('total').notNull().default(0),
    received: integer('received').notNull().default(0),
    notificationId: uuid('notification_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pbx_sync_runs_account_uq').on(t.accountId)],
);

/** The PBX users of a running sync's pages received so far. */
export const pbxSyncStaged = pgTable(
  'pbx_sync_staged',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => pbxSyncRuns.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.position] }), index('pbx_sync_staged_account_idx').on(t.accountId)],
);

/** The latest line state, presence and DND of each PBX user (protocol §4); an older event never overwrites a newer one. */
export const pbxUserStates = pgTable(
  'pbx_user_states',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    pbxUserId: text('pbx_user_id').notNull(),
    extension: text('extension'),
    lineState: text('line_state'),
    lineAt: timestamp('line_at', { withTimezone: true }),
    presence: text('presence'),
    presenceAt: timestamp('presence_at', { withTimezone: true }),
    dnd: boolean('dnd'),
    dndAt: timestamp('dnd_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.pbxUserId] })],
);

/** Call records the gateway reported (protocol §4 `callRecord`). */
export const pbxCallRecords = pgTable(
  'pbx_call_records',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    recordId: text('record_id').notNull(),
    pbxUserId: text('pbx_user_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    direction: text('direction').notNull(),
    fromNumber: text('from_number').notNull(),
    toNumber: text('to_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.recordId] }), index('pbx_call_records_started_idx').on(t.accountId, t.startedAt)],
);

export type Gateway = typeof gateways.$inferSelect;
export type GatewayCommand = typeof gatewayCommands.$inferSelect;
export type PbxUser = typeof pbxUsers.$inferSelect;
export type PbxType = (typeof pbxType.enumValues)[number];
