// CloudLink presence (TEAMS-3; seeds/002_098108fba0726e13.txt lines 385-412, 466-492 and 510): what each
// PBX / Mitel One source maps to, and how CloudLink combines a user's sources. Pure: imported by
// server code and by client components (for labels).

export type CloudLinkPresence = 'Available' | 'Away' | 'Busy' | 'DoNotDisturb' | 'NotAvailable' | 'Offline' | 'Unknown';

/**
 * How CloudLink combines a user's sources, highest first: the seed's "Away > Do not disturb > Busy >
 * Available > Offline > Unknown" (seed 396). The seed's list has no Not available although the
 * MiVO400 table (seed 404-408) produces it: we rank it directly after Away, above Do not disturb,
 * because like Away it is an explicit "don't reach me" the user set, and the seed says a set Away
 * is not overridden by a call (seed 412); Away stays first as the seed lists it.
 */
export const CLOUDLINK_PRECEDENCE: readonly CloudLinkPresence[] = ['Away', 'NotAvailable', 'DoNotDisturb', 'Busy', 'Available', 'Offline', 'Unknown'];

/** Lower is stronger. */
export function cloudLinkRank(presence: CloudLinkPresence): number {
  return CLOUDLINK_PRECEDENCE.indexOf(presence);
}

/** MiVoice Office 400 user presence (seed 474-480). */
export type PbxUserPresence = 'Available' | 'Absent' | 'Busy' | 'Meeting' | 'NotAvailable';

const PBX_USER: Record<PbxUserPresence, CloudLinkPresence> = {
  Available: 'Available',
  Absent: 'Away',
  Busy: 'Busy',
  Meeting: 'Busy',
  NotAvailable: 'NotAvailable',
};

/** The MiVO400 table (seed 404-408). */
export function pbxUserToCloudLink(p: PbxUserPresence): CloudLinkPresence {
  return PBX_USER[p];
}

/** Mitel One presence (seed 482-492). */
export type MitelOnePresence = 'Available' | 'Away' | 'Busy' | 'NotAvailable';

/** Mitel One maps the same way: it is synchronised with the MiVO400 state (seed 486-492). */
export function mitelOneToCloudLink(p: MitelOnePresence): CloudLinkPresence {
  return p;
}

/** The desk phone: Busy while in a call, otherwise Available (seed 468). */
export type PhonePresence = 'Available' | 'Busy';

export function phoneToCloudLink(p: PhonePresence): CloudLinkPresence {
  return p;
}

/** Gateway protocol (docs/gateway-protocol.md §4) `lineState.state`. */
export type GatewayLineState = 'idle' | 'ringing' | 'busy' | 'held' | 'unavailable';

const LINE_STATE: Record<GatewayLineState, PhonePresence | null> = {
  idle: 'Available',
  ringing: 'Available',
  busy: 'Busy',
  held: 'Busy',
  unavailable: null,
};

/**
 * A line state as phone presence: busy and held are "in a call" (Busy); idle and ringing are not
 * (Available); unavailable (and anything this version does not know) → null: the phone adds no source.
 */
export function lineStateToPhone(state: GatewayLineState): PhonePresence | null {
  return Object.hasOwn(LINE_STATE, state) ? LINE_STATE[state] : null;
}

/** Gateway protocol (docs/gateway-protocol.md §4) `userPresence.presence`, MiVO400's words included. */
export type GatewayUserPresence = 'available' | 'away' | 'busy' | 'doNotDisturb' | 'offline' | 'absent' | 'meeting' | 'notAvailable';

const GATEWAY_PRESENCE: Record<GatewayUserPresence, CloudLinkPresence> = {
  available: 'Available',
  away: 'Away',
  absent: 'Away',
  busy: 'Busy',
  meeting: 'Busy',
  doNotDisturb: 'DoNotDisturb',
  notAvailable: 'NotAvailable',
  offline: 'Offline',
};

/** A gateway user presence as CloudLink presence; a value this version does not know → Unknown. */
export function gatewayPresenceToCloudLink(p: GatewayUserPresence): CloudLinkPresence {
  return Object.hasOwn(GATEWAY_PRESENCE, p) ? GATEWAY_PRESENCE[p] : 'Unknown';
}

/** Where a CloudLink presence comes from; `pbxDnd` is the PBX's do-not-disturb (DoNotDisturb when on, seed 510). */
export type PresenceSourceKind = 'phone' | 'pbxUser' | 'mitelOne' | 'pbxDnd';
export const PRESENCE_SOURCE_KINDS: readonly PresenceSourceKind[] = ['phone', 'pbxUser', 'mitelOne', 'pbxDnd'];

export interface PresenceSource {
  source: PresenceSourceKind;
  presence: CloudLinkPresence;
}

export interface CombinedPresence {
  presence: CloudLinkPresence;
  /** The source whose presence won (the first of equals), for "Busy because of: phone line"; null when there is none. */
  decidedBy: PresenceSource | null;
}

/** CloudLink's combination of a user's sources by CLOUDLINK_PRECEDENCE; no source → Unknown. */
export function combineCloudLink(sources: readonly PresenceSource[]): CombinedPresence {
  let best: PresenceSource | null = null;
  for (const s of sources) {
    if (!best || cloudLinkRank(s.presence) < cloudLinkRank(best.presence)) best = s;
  }
  return { presence: best ? best.presence : 'Unknown', decidedBy: best };
}

export interface CloudLinkInput {
  phone?: PhonePresence | null;
  pbxUser?: PbxUserPresence;
  mitelOne?: MitelOnePresence;
  pbxDnd?: boolean;
}

/** The sources of the given states (in phone, PBX user, Mitel One, PBX DND order). */
export function presenceSources(input: CloudLinkInput): PresenceSource[] {
  const sources: PresenceSource[] = [];
  if (input.phone) sources.push({ source: 'phone', presence: phoneToCloudLink(input.phone) });
  if (input.pbxUser) sources.push({ source: 'pbxUser', presence: pbxUserToCloudLink(input.pbxUser) });
  if (input.mitelOne) sources.push({ source: 'mitelOne', presence: mitelOneToCloudLink(input.mitelOne) });
  if (input.pbxDnd) sources.push({ source: 'pbxDnd', presence: 'DoNotDisturb' });
  return sources;
}

export function cloudLinkPresenceOf(input: CloudLinkInput): CombinedPresence {
  return combineCloudLink(presenceSources(input));
}
