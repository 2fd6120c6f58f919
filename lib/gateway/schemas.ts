import { z } from 'zod';

// Inputs of the onboarding wizard's commands (GW-2); the forms validate with the same schemas.

export const PBX_TYPES = ['mivo400', 'mv5000', 'mxone', 'mivb'] as const;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ip = z.string().trim().regex(IPV4, 'gateway.errors.ipAddress');

const Port = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('dhcp') }),
  z.object({ mode: z.literal('disabled') }),
  z.object({
    mode: z.literal('static'),
    ip,
    prefixLength: z.coerce.number().int('gateway.errors.prefixLength').min(1, 'gateway.errors.prefixLength').max(32, 'gateway.errors.prefixLength'),
    gateway: ip,
    dns: z.array(ip).min(1, 'gateway.errors.dnsRequired').max(3),
  }),
]);

const text = (max: number) => z.string().trim().max(max, 'errors.tooLong');
const required = (max: number) => text(max).min(1, 'errors.required');

export const SiteInput = z.object({
  name: required(100),
  address: z.object({ street: required(200), city: required(100), postalCode: text(20), province: text(100), country: required(2) }),
  ethernet: z
    .object({ port1: Port, port2: Port })
    .refine((e) => e.port1.mode !== 'disabled', { message: 'gateway.errors.port1Required', path: ['port1', 'mode'] }),
});
export type SiteInput = z.infer<typeof SiteInput>;

export const PbxInput = z.object({
  type: z.enum(PBX_TYPES, 'gateway.errors.pbxType'),
  address: required(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'gateway.errors.pbxAddress'),
  username: required(100),
  // Never sent back: an empty password keeps the stored one (when there is one).
  password: z.string().max(200, 'errors.tooLong'),
});
export type PbxInput = z.infer<typeof PbxInput>;

/** GW-2 "PBX Sync Schedule" in minutes. */
export const SYNC_INTERVAL = { min: 5, max: 1440, default: 20 } as const;
export const ScheduleInput = z.object({
  minutes: z.coerce.number().int('gateway.errors.interval').min(SYNC_INTERVAL.min, 'gateway.errors.interval').max(SYNC_INTERVAL.max, 'gateway.errors.interval'),
});

export const ClaimInput = z.object({ linkCode: z.string().trim().min(1, 'errors.required').max(20, 'gateway.errors.linkCode') });

export const SUPPORT_ACTIONS = ['fetchLogs', 'callTrace', 'restart', 'scheduleUpdate', 'performUpdate'] as const;
export type SupportAction = (typeof SUPPORT_ACTIONS)[number];
export const SupportInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('fetchLogs'), kind: z.enum(['system', 'pbxLink', 'cloudConnection', 'sync']) }),
  z.object({ action: z.literal('callTrace'), extension: z.string().trim().regex(/^[0-9*#+]{1,20}$/, 'gateway.errors.extension'), seconds: z.coerce.number().int().min(5).max(300) }),
  z.object({ action: z.literal('restart') }),
  z.object({ action: z.literal('scheduleUpdate'), at: z.iso.datetime({ offset: true, message: 'gateway.errors.updateTime' }) }),
  z.object({ action: z.literal('performUpdate') }),
]);
export type SupportInput = z.infer<typeof SupportInput>;
