import { z } from 'zod';

/** At most this many users per request (an account's whole user list fits). */
export const MAX_LICENCE_USERS = 10_000;

export const LicenceKindInput = z
  .object({
    product: z.enum(['mitelOne', 'miteamMeetings']),
    level: z.enum(['essential', 'premier', 'elite']).nullish().transform((v) => v ?? null),
  })
  .refine((k) => (k.product === 'mitelOne') === (k.level !== null), { path: ['level'], message: 'licences.errors.level' });

export const LicenceChangeInput = z.object({
  accountId: z.string().max(100),
  userIds: z.array(z.uuid()).min(1).max(MAX_LICENCE_USERS),
  kind: LicenceKindInput,
});
