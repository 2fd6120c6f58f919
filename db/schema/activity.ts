import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, partnerOrgs } from './tenancy';
import { users } from './identity';

export const eventAction = pgEnum('event_action', ['Create', 'Edit', 'Delete']);
export const eventType = pgEnum('event_type', ['Admin', 'MiVB']);
export const actorKind = pgEnum('actor_kind', ['partner', 'accountUser', 'system', 'scim', 'solution']);

/**
 * The append-only audit trail (EVT-1). Written in the same transaction as the change it records.
 * `seq` orders events for keyset pagination; `account_id` is NULL for partner-organisation events.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    partnerOrgId: uuid('partner_org_id').references(() => partnerOrgs.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorKind: actorKind('actor_kind').notNull(),
    action: eventAction('action').notNull(),
    eventType: eventType('event_type').notNull().default('Admin'),
    asset: text('asset').notNull(),
    assetId: text('asset_id'),
    properties: text('properties').array().notNull().default(sql`'{}'::text[]`),
    coreDetails: jsonb('core_details').$type<Record<string, unknown>>().notNull().default({}),
    extraDetails: jsonb('extra_details').$type<Record<string, unknown>>().notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_account_seq_idx').on(t.accountId, t.seq),
    index('events_partner_org_seq_idx').on(t.partnerOrgId, t.seq),
    index('events_actor_idx').on(t.actorId),
  ],
);

export const notificationStatus = pgEnum('notification_status', ['info', 'running', 'success', 'error']);

/** The bell (SHELL-4): recent activity and long-running job status per user. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    status: notificationStatus('status').notNull().default('info'),
    titleKey: text('title_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    details: text('details'),
    progress: integer('progress'),
    jobId: text('job_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_account_idx').on(t.accountId)],
);

export const mailStatus = pgEnum('mail_status', ['queued', 'sent', 'failed', 'captured']);

/** Every mail the portal sends. Without SMTP_URL, mails stop here as `captured` (MAIL-2). */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrgId: uuid('partner_org_id').references(() => partnerOrgs.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: mailStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_partner_org_idx').on(t.partnerOrgId, t.createdAt), index('mail_outbox_account_idx').on(t.accountId)],
);

export type EventRow = typeof events.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type MailRow = typeof mailOutbox.$inferSelect;
