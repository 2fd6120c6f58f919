import { z } from 'zod';
import { INTEGRATION_IDS } from '@/lib/integrations/catalogue';
import { ApplyLicencesInput } from '@/lib/licences/schemas';
import { MANAGER_OPERATIONS, MAX_ACCOUNTS, MAX_MANAGERS } from '@/lib/managers/schemas';

/**
 * A worker killed mid-job (kill -9, a lost machine) stops sending heartbeats; pg-boss then fails
 * the job and retries it after `retryDelay`, and the handler resumes after its last committed
 * batch. Without a heartbeat only `expireInSeconds` (an hour for the bulk jobs) would free it.
 */
const HEARTBEAT = { heartbeatSeconds: 20 } as const;

const GatewayTaskSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linkSite') }),
  z.object({ kind: z.literal('configurePbx') }),
  z.object({ kind: z.literal('connect') }),
  z.object({ kind: z.literal('sync') }),
  z.object({ kind: z.literal('fetchLogs'), logKind: z.enum(['system', 'pbxLink', 'cloudConnection', 'sync']) }),
  z.object({ kind: z.literal('callTrace'), extension: z.string().max(20), seconds: z.number().int().min(5).max(300) }),
  z.object({ kind: z.literal('restart') }),
  z.object({ kind: z.literal('scheduleUpdate'), at: z.string().max(40) }),
  z.object({ kind: z.literal('performUpdate') }),
]);

/** Every queue, its payload schema and its retry policy. Handlers live in lib/jobs/handlers. */
export const QUEUES = {
  'mail-delivery': {
    schema: z.object({ mailId: z.uuid() }),
    options: { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  },
  'account-delete': {
    schema: z.object({ accountId: z.uuid(), actorUserId: z.uuid().nullable(), notificationId: z.uuid().nullable() }),
    // ACC-5: waits for an offline gateway to come back for its factory reset (about a week of retries).
    options: { retryLimit: 40, retryDelay: 30, retryBackoff: true, retryDelayMax: 6 * 3600, expireInSeconds: 3600, ...HEARTBEAT },
  },
  'users-bulk': {
    schema: z.object({
      accountId: z.uuid(),
      action: z.enum(['resetPasswords', 'sendWelcome', 'deleteUsers']),
      /** null: every user of the account (USR-5 "nothing selected = all"). */
      userIds: z.array(z.uuid()).max(100_000).nullable(),
      /** IMP-5: instead of a selection, the users a bulk import created. */
      importId: z.uuid().optional(),
      actorUserId: z.uuid(),
      notificationId: z.uuid(),
    }),
    options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600, ...HEARTBEAT },
  },
  'managers-bulk': {
    schema: z.object({
      operation: z.enum(MANAGER_OPERATIONS),
      /** Sorted partner admin ids; each attempt walks the same units in the same order. */
      managerIds: z.array(z.uuid()).min(1).max(MAX_MANAGERS),
      /** Sorted account ids for assign / unassign; empty for convert / upgrade. */
      accountIds: z.array(z.uuid()).max(MAX_ACCOUNTS),
      actorUserId: z.uuid(),
      notificationId: z.uuid(),
    }),
    options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600, ...HEARTBEAT },
  },
  'integration-update': {
    schema: z.object({ accountId: z.uuid(), integrationId: z.enum(INTEGRATION_IDS), actorUserId: z.uuid(), notificationId: z.uuid() }),
    options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 600, ...HEARTBEAT },
  },
  'licences-bulk': {
    schema: z.object({
      accountId: z.uuid(),
      /** The selection, or null: every user of the account when the job runs. */
      userIds: ApplyLicencesInput.shape.userIds,
      change: ApplyLicencesInput.shape.change,
      actorUserId: z.uuid(),
      notificationId: z.uuid(),
    }),
    // One transaction: a worker that dies rolls it back and stops its heartbeats, and the retry
    // starts again from nothing (users who hold the licence by then cost nothing).
    options: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 1800, ...HEARTBEAT },
  },
  'user-import': {
    schema: z.object({ importId: z.uuid(), phase: z.enum(['parse', 'commit']) }),
    options: { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600, ...HEARTBEAT },
  },
  'gateway-task': {
    schema: z.object({
      accountId: z.uuid(),
      task: GatewayTaskSchema,
      actorUserId: z.uuid(),
      notificationId: z.uuid(),
    }),
    // A gateway that stopped answering is reported at once: the person who asked retries it.
    options: { retryLimit: 0, expireInSeconds: 900, ...HEARTBEAT },
  },
  /** A scheduled PBX sync (GW-3), done as "Solution". */
  'pbx-sync': {
    schema: z.object({ accountId: z.uuid() }),
    options: { retryLimit: 2, retryDelay: 60, expireInSeconds: 1800, ...HEARTBEAT },
  },
  /** Every minute: queues the syncs that are due. */
  'gateway-tick': {
    schema: z.object({}).passthrough(),
    options: { retryLimit: 0, expireInSeconds: 60 },
  },
  /**
   * Factory reset of a removed integration's or deleted account's gateway (GW-5, ACC-5). An
   * offline gateway is waited for: retried with backoff for about a week.
   */
  'gateway-reset': {
    schema: z.object({ gatewayId: z.uuid(), notificationId: z.uuid().nullable() }),
    options: { retryLimit: 40, retryDelay: 60, retryBackoff: true, retryDelayMax: 6 * 3600, expireInSeconds: 600 },
  },
  /** TEAMS-2: match the account's users to Azure users (on enabling sync, on "Resync", hourly). */
  'teams-match': {
    schema: z.object({ accountId: z.uuid() }),
    // Azure unreachable: try again with backoff; the integration row shows the last error meanwhile.
    // Stately: per account one run waiting and one running, so a request during a run is never lost.
    options: { policy: 'stately', retryLimit: 8, retryDelay: 15, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 900, ...HEARTBEAT },
  },
  /**
   * TEAMS-4: the account's Graph presence subscriptions made right (created, renewed, recreated,
   * ended). Stately: per account one run at a time (runs never race to create the same
   * subscription) and one waiting, so a request that arrives during a run is never dropped.
   */
  'teams-subscriptions': {
    schema: z.object({ accountId: z.uuid() }),
    options: { policy: 'stately', retryLimit: 6, retryDelay: 10, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 600, ...HEARTBEAT },
  },
  /**
   * Teams removed from an account: the presence sessions our app held are cleared with the app's
   * credentials as they were (the rows are gone). Graph unreachable: tried again for about an hour;
   * the sessions lapse by themselves within 15 minutes anyway.
   */
  'teams-release': {
    schema: z.object({ tenantId: z.string().min(1).max(100), clientId: z.string().min(1).max(100), sealedSecret: z.string().min(1).max(10_000), graphUserIds: z.array(z.string().min(1).max(200)).max(200_000) }),
    options: { retryLimit: 8, retryDelay: 15, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 900, ...HEARTBEAT },
  },
} as const;

export type QueueName = keyof typeof QUEUES;
export type QueuePayload<Q extends QueueName> = z.infer<(typeof QUEUES)[Q]['schema']>;
