import 'server-only';
import { startNotifiedLoop, type Loop } from './notified-loop';
import { pushDuePresences } from './push-due-presences';
import { pushDueMicollab } from './monitors/push-micollab';

const ROUND = 500;

/**
 * TEAMS-2/6: the dedicated path from a gateway event to Graph: the ingesting transaction marks
 * users due and NOTIFYs `teams_presence` on commit; this loop wakes at once and writes.
 */
export function startPresencePusher(): Loop {
  return startNotifiedLoop('teams-presence', 'teams_presence', () => pushDuePresences(ROUND), ROUND);
}

/** TEAMS-4: Teams → MiCollab, woken by `micollab_presence` when a change notification was stored. */
export function startMicollabPusher(): Loop {
  return startNotifiedLoop('micollab-presence', 'micollab_presence', () => pushDueMicollab(ROUND), ROUND);
}
