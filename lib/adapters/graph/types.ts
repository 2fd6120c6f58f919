import type { GraphError } from './errors';

export interface GraphApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string | null;
}

export type PresenceAction = { kind: 'set'; availability: string; activity: string; expirationDuration: string } | { kind: 'clear' };
export type PresenceWrite = { userId: string; action: PresenceAction };
/** A clear of a user without our session answers 404: that counts as done, with status 404. */
export type PresenceWriteResult = { userId: string; ok: true; status: number } | { userId: string; ok: false; error: GraphError };

export interface Presence {
  id: string;
  availability: string;
  activity: string;
}

/** A presence monitor's delegated token (TEAMS-4): an Azure user signed in to the same app. */
export interface DelegatedToken {
  tenantId: string;
  clientId: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  /** the user's object id (oid) */
  userId: string;
  upn: string;
}

export type Principal = GraphApp | DelegatedToken;

export function isDelegated(p: Principal): p is DelegatedToken {
  return 'accessToken' in p;
}
