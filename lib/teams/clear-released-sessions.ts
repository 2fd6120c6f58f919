import 'server-only';
import { graph, GraphError } from '@/lib/adapters/graph';
import { openSecret } from '@/lib/crypto/secret-box';
import type { QueuePayload } from '@/lib/jobs/queues';

/**
 * The `teams-release` job: clears our presence session of every user Teams may still show it for,
 * after the integration was removed (the app's credentials travel sealed in the job). A user
 * without our session answers 404, which counts as cleared. Graph unreachable or throttling: the job
 * fails and pg-boss tries again; credentials refused: nothing more can be done, and the sessions
 * lapse within their 15 minutes.
 */
export async function clearReleasedSessions(p: QueuePayload<'teams-release'>): Promise<void> {
  if (!p.graphUserIds.length) return;
  const app = { tenantId: p.tenantId, clientId: p.clientId, clientSecret: openSecret(p.sealedSecret) };
  let results;
  try {
    results = await graph.writePresences(app, p.graphUserIds.map((userId) => ({ userId, action: { kind: 'clear' } })));
  } catch (e) {
    if (e instanceof GraphError && (e.kind === 'unavailable' || e.kind === 'throttled')) throw e;
    console.warn(JSON.stringify({ event: 'teamsRelease.gaveUp', tenantId: p.tenantId, reason: e instanceof GraphError ? e.kind : 'error' }));
    return;
  }
  const transient = results.find((r) => !r.ok && (r.error.kind === 'unavailable' || r.error.kind === 'throttled'));
  if (transient && !transient.ok) throw transient.error;
}
