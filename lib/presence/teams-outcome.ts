// TEAMS-3 end to end: PBX phone × PBX user × Mitel One × PBX DND × Teams client (× what the user set
// in Teams) → what other Teams users see (seeds/002_098108fba0726e13.txt lines 441-464). Pure.
import { cloudLinkPresenceOf } from './cloudlink';
import { actionSession, cloudLinkToGraph } from './graph-action';
import { aggregateTeamsPresence } from './teams-aggregation';

export function teamsOutcome(input: {
  phone: 'Available' | 'Busy';
  pbxUser?: 'Available' | 'Absent' | 'Busy' | 'Meeting' | 'NotAvailable';
  mitelOne?: 'Available' | 'Away' | 'Busy' | 'NotAvailable';
  pbxDnd?: boolean;
  teamsClient: 'Offline' | 'Inactive' | 'Active' | 'InCall' | 'Presenting';
  teamsUserConfigured?: 'Available' | 'Busy' | 'DoNotDisturb' | 'BeRightBack' | 'Away' | 'Offline';
}): 'Available' | 'Away' | 'Busy' | 'DoNotDisturb' | 'BeRightBack' | 'Offline' {
  const { presence } = cloudLinkPresenceOf({ phone: input.phone, pbxUser: input.pbxUser, mitelOne: input.mitelOne, pbxDnd: input.pbxDnd });
  const session = actionSession(cloudLinkToGraph(presence));
  return aggregateTeamsPresence({
    client: input.teamsClient,
    appSessions: session ? [session] : [],
    preferred: input.teamsUserConfigured ?? null,
  }).availability;
}
