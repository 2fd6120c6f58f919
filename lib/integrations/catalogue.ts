// The integrations an account can have (spec INT-1), as data. Names are not stored here: the UI
// translates by id. Line numbers refer to the vendor manual seeds/001_08bf6aeef244c807.txt.

/** The account privileges of the Privileges panel (INT-3; seed 2448-2460). */
export const PRIVILEGES = ['delegatedAuthentication', 'guestAccess'] as const;
export type Privilege = (typeof PRIVILEGES)[number];

export const INTEGRATION_IDS = [
  'chat',
  'cloudlinkGateway',
  'micontactCenter',
  'micollab',
  'mitelOne',
  'workgroups',
  'miteamMeetings',
  'voiceAssist',
  'mivoiceBusiness',
  'singleSignOn',
  'azureAdSingleSignOn',
  'azureAdSync',
  'office365',
  'teams',
  'twilio',
  'cmCom',
] as const;
export type IntegrationId = (typeof INTEGRATION_IDS)[number];

/** The two tabs of the "+ Add new" pop-up (seed 2334-2337). */
export type IntegrationTab = 'mitel' | 'thirdParty';

/**
 * What happens after "Add": nothing more, a "Finish setup" dialog the integration stays
 * unconfigured without, or the gateway's own onboarding status steps (GW-1; seed 2529-2560).
 */
export type SetupFlow = 'none' | 'finishSetup' | 'gatewayOnboarding';

/** How removing is confirmed: a dialog, or typing the reset word (the UI translates the word). */
export type RemoveConfirmation = 'dialog' | 'typedReset';

export interface IntegrationDefinition {
  readonly id: IntegrationId;
  readonly tab: IntegrationTab;
  /** Privileges adding it turns on (INT-3; seed table 2424-2446). */
  readonly privileges: readonly Privilege[];
  /** Another integration that must already be on the account before this one can be added. */
  readonly requires: IntegrationId | null;
  readonly setup: SetupFlow;
  /** Present on every customer account from the start. */
  readonly onByDefault: boolean;
  /** False when the account can never be without it. */
  readonly removable: boolean;
  /** Shown as a feature of that integration (not on its own) while that integration is present. */
  readonly foldsUnder: IntegrationId | null;
  /** Feature toggles listed under "Available features"; ids of the UI, each on by default. */
  readonly features: readonly string[];
  readonly removeConfirmation: RemoveConfirmation;
  /** Shipped version; an account's older installed version offers "Install update" (INT-4). */
  readonly version: number;
}

const base = {
  privileges: [],
  requires: null,
  setup: 'none',
  onByDefault: false,
  removable: true,
  foldsUnder: null,
  features: [],
  // The issue asks every removal to confirm; the seed shows dialogs e.g. at 2833-2836, 3775-3779.
  removeConfirmation: 'dialog',
  version: 1,
} as const satisfies Omit<IntegrationDefinition, 'id' | 'tab'>;

const mitel = (id: IntegrationId, extra: Partial<IntegrationDefinition> = {}): IntegrationDefinition => ({
  ...base,
  id,
  tab: 'mitel',
  ...extra,
});
const thirdParty = (id: IntegrationId, extra: Partial<IntegrationDefinition> = {}): IntegrationDefinition => ({
  ...base,
  id,
  tab: 'thirdParty',
  ...extra,
});

export const CATALOGUE: readonly IntegrationDefinition[] = [
  // "Chat integration is by default always on for a customer account" (2299); once Mitel One is
  // added it is listed under Mitel One's "Available features" instead (3348-3352).
  mitel('chat', { onByDefault: true, removable: false, foldsUnder: 'mitelOne' }),
  // Status steps "No gateway found → Configure gateway → Add/Sync PBX → Connect" (2529-2560);
  // removing a physical appliance asks to type the reset word (2675-2683).
  mitel('cloudlinkGateway', { setup: 'gatewayOnboarding', removeConfirmation: 'typedReset' }),
  // MiCC: delegated authentication + guest access (2430-2434).
  mitel('micontactCenter', { privileges: ['delegatedAuthentication', 'guestAccess'] }),
  // MiCollab: delegated authentication (2442-2446).
  mitel('micollab', { privileges: ['delegatedAuthentication'] }),
  // Mitel One: guest access (2424-2428); features Chat, MiTeam Meetings, Telephony, each on by
  // default (3331-3381; on by default 3348, 3356, 3379).
  // Version 2 brought the Telephony feature (settings.ts); accounts on 1 are offered the update.
  mitel('mitelOne', { privileges: ['guestAccess'], features: ['chat', 'miteamMeetings', 'telephony'], version: 2 }),
  mitel('workgroups'),
  // MiTeam Meetings: guest access (2436-2440); folds under Mitel One (3371-3375).
  mitel('miteamMeetings', { privileges: ['guestAccess'], foldsUnder: 'mitelOne' }),
  // Needs the gateway integration (3702-3705); "Finish setup" → number, time zone, recipe (3729-3745).
  mitel('voiceAssist', { requires: 'cloudlinkGateway', setup: 'finishSetup' }),
  // Needs the gateway integration (2698-2703); "Customer Admin Portal" feature on adding (2719-2720).
  mitel('mivoiceBusiness', { requires: 'cloudlinkGateway', features: ['customerAdminPortal'] }),
  // "Finish setup" opens the SSO configuration (4019, 4175).
  thirdParty('singleSignOn', { setup: 'finishSetup' }),
  thirdParty('azureAdSingleSignOn', { setup: 'finishSetup' }),
  thirdParty('azureAdSync', { setup: 'finishSetup' }), // 4981
  // Added but not enabled until an Office 365 admin authorises on Azure (4340-4348, 4449).
  thirdParty('office365', { setup: 'finishSetup' }),
  // Needs the gateway integration (5142-5146; the issue names only Voice Assist and MiVoice Business); "Finish setup" (5178).
  thirdParty('teams', { requires: 'cloudlinkGateway', setup: 'finishSetup' }),
  thirdParty('twilio', { setup: 'finishSetup' }), // 4502
  thirdParty('cmCom', { setup: 'finishSetup' }), // 4723
];

const byId = new Map(CATALOGUE.map((d) => [d.id, d]));

export function isIntegrationId(value: unknown): value is IntegrationId {
  return typeof value === 'string' && byId.has(value as IntegrationId);
}

export function integrationDefinition(id: IntegrationId): IntegrationDefinition {
  const d = byId.get(id);
  if (!d) throw new Error(`Unknown integration ${id}`);
  return d;
}

export function catalogueTab(tab: IntegrationTab): IntegrationDefinition[] {
  return CATALOGUE.filter((d) => d.tab === tab);
}

/** The integrations a new customer account starts with. */
export function defaultIntegrations(): IntegrationId[] {
  return CATALOGUE.filter((d) => d.onByDefault).map((d) => d.id);
}

/**
 * Where an integration the account has is shown: on its own (null) or as a feature of the
 * integration it folds under, when that one is present too (M1-1).
 */
export function shownUnder(present: readonly IntegrationId[], id: IntegrationId): IntegrationId | null {
  const parent = integrationDefinition(id).foldsUnder;
  return parent && present.includes(parent) ? parent : null;
}

/** Integrations present on the account that need `id` to be there (e.g. those on the gateway). */
export function dependantsOf(present: readonly IntegrationId[], id: IntegrationId): IntegrationId[] {
  return present.filter((p) => integrationDefinition(p).requires === id);
}
