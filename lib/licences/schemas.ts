import { z } from 'zod';
import { MITEL_ONE_FEATURES } from '@/lib/integrations/settings';
import { isNoop, LEVELS } from './levels';

/** At most this many users per request (an account's whole user list fits); null means every user. */
export const MAX_LICENCE_USERS = 10_000;

const FeatureChoice = z.enum(['unchanged', 'on', 'off']);

/** M1-2: the Mitel One override (bulk dialog, and one user's configuration). */
export const MitelOneChange = z
  .object({
    product: z.literal('mitelOne'),
    level: z.enum(['unchanged', ...LEVELS, 'deactivate']),
    features: z.partialRecord(z.enum(MITEL_ONE_FEATURES), FeatureChoice).default({}),
  })
  .refine((c) => !isNoop(c), { path: ['level'], message: 'licences.errors.nothingToChange' });

/** MTM-1: give or take the MiTeam Meetings licence. */
export const MiteamChange = z.object({ product: z.literal('miteamMeetings'), assign: z.boolean() });

export const ApplyLicencesInput = z.object({
  accountId: z.string().max(100),
  userIds: z.array(z.uuid()).min(1).max(MAX_LICENCE_USERS).nullable(),
  change: z.discriminatedUnion('product', [MitelOneChange, MiteamChange]),
});
export type LicenceChange = z.infer<typeof ApplyLicencesInput>['change'];

/** USR-7 "+ Add product": the products a user can be given here. */
export const AddUserProductInput = z.object({ accountId: z.string().max(100), userId: z.uuid(), product: z.literal('mitelOne') });
