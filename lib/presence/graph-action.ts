// CloudLink presence → what the portal does in Microsoft Graph with the user's application presence
// session (TEAMS-2, TEAMS-3; seeds/002_098108fba0726e13.txt lines 398 and 445-464). Pure.
import type { CloudLinkPresence } from './cloudlink';
import type { PresenceSession } from './teams-aggregation';

export type GraphAction =
  | { kind: 'set'; availability: 'Busy' | 'Away' | 'DoNotDisturb'; activity: 'InACall' | 'Away' | 'Presenting' }
  | { kind: 'clear' };

const CLEAR: GraphAction = { kind: 'clear' };

/**
 * The application session that carries a CloudLink presence into Teams (setPresence), or `clear`
 * (clearPresence: no session of ours).
 *
 * - Busy → Busy/InACall; DoNotDisturb → DoNotDisturb/Presenting (the pair setPresence accepts for it).
 * - Away → Away/Away.
 * - NotAvailable → Away/Away: Teams has no "not available" and setPresence takes no Offline or
 *   BeRightBack session; Away is the nearest "not reachable" a session can say.
 * - Available → clear, not Available/Available. The truth table (seed 446 and 451) shows all
 *   Available × Teams client Offline → Offline and × Inactive → Away. Among sessions Available beats
 *   Away (seed 392), and any session beats none, so an Available session of ours would turn both rows
 *   into Available; they only hold if an Available CloudLink presence adds no session.
 * - Offline and Unknown → clear: nothing to say on the user's behalf.
 */
export function cloudLinkToGraph(presence: CloudLinkPresence): GraphAction {
  switch (presence) {
    case 'Busy':
      return { kind: 'set', availability: 'Busy', activity: 'InACall' };
    case 'DoNotDisturb':
      return { kind: 'set', availability: 'DoNotDisturb', activity: 'Presenting' };
    case 'Away':
    case 'NotAvailable':
      return { kind: 'set', availability: 'Away', activity: 'Away' };
    case 'Available':
    case 'Offline':
    case 'Unknown':
      return CLEAR;
  }
}

/** The session the action leaves in Teams: its pair when `set`, none when `clear`. */
export function actionSession(action: GraphAction): PresenceSession | null {
  return action.kind === 'set' ? { availability: action.availability, activity: action.activity } : null;
}

export function sameAction(a: GraphAction, b: GraphAction): boolean {
  if (a.kind === 'clear' || b.kind === 'clear') return a.kind === b.kind;
  return a.availability === b.availability && a.activity === b.activity;
}

/** For logs: "set Busy/InACall" or "clear". */
export function describeAction(action: GraphAction): string {
  return action.kind === 'clear' ? 'clear' : `set ${action.availability}/${action.activity}`;
}
