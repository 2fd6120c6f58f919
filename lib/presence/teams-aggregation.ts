// How Microsoft Teams combines a user's presence sessions into what other Teams users see
// (TEAMS-3; seeds/002_098108fba0726e13.txt lines 336-342 and 495-510). Pure, and free of imports
// and of syntax Node cannot strip, so the Graph emulator (simulators/graph) runs this same file.

/** The state of a user's Teams clients (desktop, mobile, web), as the seed's truth table names them. */
export type TeamsClientState = 'Offline' | 'Inactive' | 'Active' | 'InCall' | 'Presenting';
export const TEAMS_CLIENT_STATES: readonly TeamsClientState[] = ['Offline', 'Inactive', 'Active', 'InCall', 'Presenting'];

/** What a user can pick in Teams themselves (the user-preferred presence). */
export type TeamsPreferredAvailability = 'Available' | 'Busy' | 'DoNotDisturb' | 'BeRightBack' | 'Away' | 'Offline';
export const TEAMS_PREFERRED_AVAILABILITIES: readonly TeamsPreferredAvailability[] = ['Available', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offline'];

/** What other Teams users see. */
export type TeamsAvailability = 'Available' | 'Away' | 'Busy' | 'DoNotDisturb' | 'BeRightBack' | 'Offline';

/** An application (or client) presence session: the pairs Graph's setPresence accepts. */
export type SessionAvailability = 'Available' | 'Busy' | 'Away' | 'DoNotDisturb';
export interface PresenceSession {
  availability: SessionAvailability;
  activity: string;
}

export interface TeamsPresence {
  availability: TeamsAvailability;
  activity: string;
}

/** The session a Teams client state contributes; Offline contributes none (seed 485-493). */
export function clientSession(state: TeamsClientState): PresenceSession | null {
  switch (state) {
    case 'Offline':
      return null;
    case 'Inactive':
      return { availability: 'Away', activity: 'Away' };
    case 'Active':
      return { availability: 'Available', activity: 'Available' };
    case 'InCall':
      return { availability: 'Busy', activity: 'InACall' };
    case 'Presenting':
      return { availability: 'DoNotDisturb', activity: 'Presenting' };
  }
}

/** Among app-configured sessions: Do not disturb > Busy > Available > Away (seed 336-337, 507-509). */
export const SESSION_PRECEDENCE: readonly SessionAvailability[] = ['DoNotDisturb', 'Busy', 'Available', 'Away'];

const PREFERRED_ACTIVITY: Record<TeamsPreferredAvailability, string> = {
  Available: 'Available',
  Busy: 'Busy',
  DoNotDisturb: 'DoNotDisturb',
  BeRightBack: 'BeRightBack',
  Away: 'Away',
  Offline: 'OffWork',
};

export interface TeamsAggregationInput {
  client: TeamsClientState;
  /** Application sessions (ours among them), already without the expired ones. */
  appSessions: readonly PresenceSession[];
  /** The presence the user set in Teams, if any: it beats every session (seed 336, 507). */
  preferred?: TeamsPreferredAvailability | null;
}

/** The presence other Teams users see. */
export function aggregateTeamsPresence(input: TeamsAggregationInput): TeamsPresence {
  if (input.preferred) return { availability: input.preferred, activity: PREFERRED_ACTIVITY[input.preferred] };
  const sessions: PresenceSession[] = [...input.appSessions];
  const client = clientSession(input.client);
  if (client) sessions.push(client);
  let best: PresenceSession | null = null;
  for (const s of sessions) {
    if (!best || SESSION_PRECEDENCE.indexOf(s.availability) < SESSION_PRECEDENCE.indexOf(best.availability)) best = s;
  }
  return best ? { availability: best.availability, activity: best.activity } : { availability: 'Offline', activity: 'Offline' };
}

/** The availability/activity pairs setPresence accepts (Microsoft Graph presence: setPresence). */
export const VALID_SESSION_PAIRS: readonly (readonly [SessionAvailability, string])[] = [
  ['Available', 'Available'],
  ['Busy', 'InACall'],
  ['Busy', 'InAConferenceCall'],
  ['Away', 'Away'],
  ['DoNotDisturb', 'Presenting'],
];

export function isValidSessionPair(availability: string, activity: string): boolean {
  return VALID_SESSION_PAIRS.some(([a, b]) => a === availability && b === activity);
}
