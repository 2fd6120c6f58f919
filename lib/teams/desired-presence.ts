import { combineCloudLink, gatewayPresenceToCloudLink, lineStateToPhone, phoneToCloudLink, type CloudLinkPresence, type PresenceSource } from '@/lib/presence/cloudlink';
import { cloudLinkToGraph, type GraphAction } from '@/lib/presence/graph-action';

/** What the gateway last reported for a user (pbx_user_states), in the protocol's words. */
export interface PbxState {
  lineState: string | null;
  presence: string | null;
  dnd: boolean | null;
}

export interface DesiredPresence {
  presence: CloudLinkPresence;
  decidedBy: PresenceSource['source'] | null;
  action: GraphAction;
}

/** TEAMS-3 end to end for one user: the PBX's states → CloudLink presence → the Graph session. */
export function desiredPresence(state: PbxState | null): DesiredPresence {
  const sources: PresenceSource[] = [];
  if (state) {
    const phone = state.lineState ? lineStateToPhone(state.lineState as Parameters<typeof lineStateToPhone>[0]) : null;
    if (phone) sources.push({ source: 'phone', presence: phoneToCloudLink(phone) });
    if (state.presence) sources.push({ source: 'pbxUser', presence: gatewayPresenceToCloudLink(state.presence as Parameters<typeof gatewayPresenceToCloudLink>[0]) });
    if (state.dnd) sources.push({ source: 'pbxDnd', presence: 'DoNotDisturb' });
  }
  const { presence, decidedBy } = combineCloudLink(sources);
  return { presence, decidedBy: decidedBy?.source ?? null, action: cloudLinkToGraph(presence) };
}

/** The action as stored in `teams_presence_users.pushed_action`: "clear" or "set:Busy:InACall". */
export function actionKey(action: GraphAction): string {
  return action.kind === 'clear' ? 'clear' : `set:${action.availability}:${action.activity}`;
}
