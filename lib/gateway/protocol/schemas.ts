import { z } from 'zod';

// The request bodies of docs/gateway-protocol.md, v1.

const GatewayString = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/);
const Version = z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,6}$/);

export const AnnounceBody = z.object({
  hardwareId: z.string().trim().min(1).max(100),
  linkCode: z.string().max(20),
  model: z.enum(['physical', 'virtual']),
  platform: z.enum(['standalone', 'smbc']),
  softwareVersion: Version,
});

export const ResultBody = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), result: z.record(z.string(), z.unknown()).default({}) }),
  z.object({ status: z.literal('error'), error: z.object({ code: z.string().min(1).max(100), message: z.string().max(2000) }) }),
]);

const Time = z.iso.datetime({ offset: true });
const PbxUserId = z.string().min(1).max(100);
const Extension = z.string().regex(/^[0-9*#+]{1,20}$/);

export const LINE_STATES = ['idle', 'ringing', 'busy', 'held', 'unavailable'] as const;
// absent, meeting and notAvailable are MiVoice Office 400's own user presences (TEAMS-3); protocol v1.1.
export const PRESENCES = ['available', 'away', 'busy', 'doNotDisturb', 'offline', 'absent', 'meeting', 'notAvailable'] as const;
export const LOG_KINDS = ['system', 'pbxLink', 'cloudConnection', 'sync'] as const;

export const CallRecord = z.object({
  id: GatewayString,
  startedAt: Time,
  durationSeconds: z.number().int().min(0).max(86_400 * 2),
  direction: z.enum(['in', 'out', 'internal']),
  from: z.string().max(40),
  to: z.string().max(40),
  pbxUserId: PbxUserId.nullable().default(null),
});

const base = { id: GatewayString, at: Time };
export const GatewayEvent = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('lineState'), data: z.object({ pbxUserId: PbxUserId, extension: Extension, state: z.enum(LINE_STATES) }) }),
  z.object({ ...base, type: z.literal('userPresence'), data: z.object({ pbxUserId: PbxUserId, presence: z.enum(PRESENCES) }) }),
  z.object({ ...base, type: z.literal('dnd'), data: z.object({ pbxUserId: PbxUserId, enabled: z.boolean() }) }),
  z.object({ ...base, type: z.literal('userChanged'), data: z.object({ pbxUserId: PbxUserId, change: z.enum(['added', 'updated', 'removed']) }) }),
  z.object({ ...base, type: z.literal('callRecord'), data: CallRecord }),
  z.object({ ...base, type: z.literal('logBundle'), data: z.object({ kind: z.enum(LOG_KINDS), lines: z.array(z.string().max(2000)).max(2000) }) }),
]);
export type GatewayEvent = z.infer<typeof GatewayEvent>;

export const MAX_EVENTS_PER_BATCH = 500;
export const EventsBody = z.object({ events: z.array(GatewayEvent).min(1).max(MAX_EVENTS_PER_BATCH) });

/** A user as `fetchUsers` returns it. */
export const PbxUserRecord = z.object({
  pbxUserId: PbxUserId,
  firstName: z.string().max(100).nullable().default(null),
  lastName: z.string().max(100).nullable().default(null),
  email: z.string().max(254).nullable().default(null),
  extensions: z.array(Extension).max(20).default([]),
  cloudlinkRole: z.boolean(),
  devices: z.number().int().min(0).max(100).default(1),
});
export type PbxUserRecord = z.infer<typeof PbxUserRecord>;

export const BODY_LIMITS = { announce: 16 * 1024, result: 4 * 1024 * 1024, events: 1024 * 1024 } as const;
