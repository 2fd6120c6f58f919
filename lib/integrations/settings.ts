// Settings of the configurable Mitel integrations (SUP-5, M1-1, MTM-3, MVA-1, MICOLLAB-1), pure
// and client-safe: the forms validate with the same schemas the command uses. Line numbers refer
// to the vendor manual seeds/001_08bf6aeef244c807.txt.
import { z } from 'zod';
import type { SecretStatus } from '@/lib/crypto/secret-status';
import type { IntegrationId } from './catalogue';

/** A secret as stored in `settings`: the sealed envelope (lib/crypto) and when it was written. */
export interface StoredSecret {
  sealed: string;
  setAt: string;
}

/** Mitel One's feature toggles, in panel order, with the version of Mitel One that brought each. */
export const MITEL_ONE_FEATURES = ['chat', 'miteamMeetings', 'telephony'] as const;
export type MitelOneFeature = (typeof MITEL_ONE_FEATURES)[number];
/** Telephony came with Mitel One version 2; an account still on 1 gets it by "Install update" (INT-4). */
export const MITEL_ONE_FEATURE_SINCE: Readonly<Record<MitelOneFeature, number>> = { chat: 1, miteamMeetings: 1, telephony: 2 };

/** The Voice Assist recipes of "Choose recipe" (3742); lib/voice-assist/recipes.ts describes each. */
export const VOICE_ASSIST_RECIPES = ['autoAttendant', 'businessHours', 'speechDirectory'] as const;
export type VoiceAssistRecipe = (typeof VOICE_ASSIST_RECIPES)[number];

export interface IntegrationSettings {
  /** SUP-5 "Allow editing and deleting messages", on by default (1261-1264). */
  chat: { allowMessageEditing: boolean };
  /** M1-1: "allow users to change their avatar" on by default (3315-3318); features on by default. */
  mitelOne: { allowAvatarChange: boolean; features: Partial<Record<MitelOneFeature, boolean>> };
  /** MTM-3 "Optional waiting room" (3679-3690). */
  miteamMeetings: { optionalWaitingRoom: boolean };
  /** MVA-1 Finish setup: pilot number, time zone, recipe (3729-3745); null until set up. */
  voiceAssist: { pilotNumber: string | null; timeZone: string | null; recipe: VoiceAssistRecipe | null };
  /** MICOLLAB-1: the MiCollab server the gateway talks to; the password is sealed (INT-5). */
  micollab: { address: string | null; password: StoredSecret | null };
}
export type ConfigurableIntegration = keyof IntegrationSettings;
export const CONFIGURABLE_INTEGRATIONS = ['chat', 'mitelOne', 'miteamMeetings', 'voiceAssist', 'micollab'] as const satisfies readonly ConfigurableIntegration[];

export function isConfigurable(id: IntegrationId): id is ConfigurableIntegration {
  return (CONFIGURABLE_INTEGRATIONS as readonly string[]).includes(id);
}

/** The settings of a freshly added integration of the given version. */
export function defaultSettings<I extends ConfigurableIntegration>(id: I, version: number): IntegrationSettings[I];
export function defaultSettings(id: ConfigurableIntegration, version: number): IntegrationSettings[ConfigurableIntegration] {
  switch (id) {
    case 'chat':
      return { allowMessageEditing: true };
    case 'mitelOne':
      return {
        allowAvatarChange: true,
        features: Object.fromEntries(MITEL_ONE_FEATURES.filter((f) => MITEL_ONE_FEATURE_SINCE[f] <= version).map((f) => [f, true])),
      };
    case 'miteamMeetings':
      return { optionalWaitingRoom: false };
    case 'voiceAssist':
      return { pilotNumber: null, timeZone: null, recipe: null };
    case 'micollab':
      return { address: null, password: null };
  }
}

/** The stored settings read over the defaults, so rows written before a setting existed still read. */
export function readSettings<I extends ConfigurableIntegration>(id: I, version: number, stored: Record<string, unknown>): IntegrationSettings[I] {
  const defaults = defaultSettings(id, version) as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...defaults, ...stored };
  if (id === 'mitelOne') merged.features = { ...(defaults.features as object), ...((stored.features as object | undefined) ?? {}) };
  return merged as unknown as IntegrationSettings[I];
}

// ---- What the browser sees: settings with secrets replaced by their status (INT-5). ----

export type IntegrationSettingsView = {
  [I in ConfigurableIntegration]: I extends 'micollab' ? { address: string | null; password: SecretStatus } : IntegrationSettings[I];
};

// ---- What a form may send: a patch of the settings. ----

/** The IANA time zones of "Choose time zone" (3738-3740), as this runtime lists them. */
export function timeZones(): string[] {
  return [...new Set(Intl.supportedValuesOf('timeZone').concat('UTC'))].sort();
}

/** An IANA zone name the runtime knows, also under a name it does not list (Asia/Kolkata for Asia/Calcutta). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

// A pilot number is dialled from the PBX and from the PSTN (3731-3735, 3895-3897): digits with an
// optional leading +, as the PBX sends it.
const PilotNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{2,20}$/, 'integrations.voiceAssist.errors.pilotNumber');
// A host name or address of the MiCollab server (MICOLLAB-1), optionally with a port.
const HostAddress = z
  .string()
  .trim()
  .min(1, { error: 'integrations.micollab.errors.addressRequired', abort: true })
  .max(253, 'integrations.micollab.errors.address')
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?$/, 'integrations.micollab.errors.address');

export const SETTINGS_PATCHES = {
  chat: z.strictObject({ allowMessageEditing: z.boolean() }),
  mitelOne: z.strictObject({
    allowAvatarChange: z.boolean().optional(),
    features: z.partialRecord(z.enum(MITEL_ONE_FEATURES), z.boolean()).optional(),
  }),
  // MTM-3: saved only after the admin typed the confirmation word; the form sends `confirmed`.
  miteamMeetings: z.strictObject({
    optionalWaitingRoom: z.boolean(),
    confirmed: z.literal(true, { error: 'integrations.miteam.errors.confirm' }),
  }),
  voiceAssist: z.strictObject({
    pilotNumber: PilotNumber,
    timeZone: z.string().max(64).refine(isTimeZone, 'integrations.voiceAssist.errors.timeZone'),
    recipe: z.enum(VOICE_ASSIST_RECIPES, { error: 'integrations.voiceAssist.errors.recipe' }),
  }),
  // The password is write-only: absent keeps the stored one; a value replaces it.
  micollab: z.strictObject({
    address: HostAddress,
    password: z.string().min(1).max(256, 'integrations.micollab.errors.passwordLength').optional(),
  }),
} as const satisfies Record<ConfigurableIntegration, z.ZodType>;

export type SettingsPatch<I extends ConfigurableIntegration> = z.infer<(typeof SETTINGS_PATCHES)[I]>;
