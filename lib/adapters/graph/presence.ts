import 'server-only';
import { chunk, runBatches, type BatchItem } from './batch';
import { graphCall } from './client';
import { GraphError } from './errors';
import type { RetryOptions } from './retry';
import { appToken, freshAppToken } from './tokens';
import type { GraphApp, Presence, PresenceWrite, PresenceWriteResult, Principal } from './types';

/** getPresencesByUserId takes at most 650 ids per request. */
export const PRESENCE_IDS_PER_REQUEST = 650;
export const WRITE_ROLE = 'Presence.ReadWrite.All';

export interface WriteOptions extends RetryOptions {
  /** the presence session: by Graph's rule the app's own id (the default) */
  sessionId?: string;
  /** `$batch` requests in flight at once (default 4) */
  concurrency?: number;
}

const presencePath = (userId: string, verb: 'setPresence' | 'clearPresence') => `/users/${encodeURIComponent(userId)}/presence/${verb}`;

function retryOf(o: RetryOptions): RetryOptions {
  return { maxAttempts: o.maxAttempts, deadlineMs: o.deadlineMs, timeoutMs: o.timeoutMs };
}

/** A token without the write role would earn a 403 per user: one clear error for the tenant instead. */
async function requireWriteRole(app: GraphApp, retry: RetryOptions): Promise<void> {
  let t = await appToken(app, retry);
  // A cached token may predate the consent: before refusing, ask once more for a new one.
  if (!t.roles.includes(WRITE_ROLE)) t = await freshAppToken(app, retry);
  if (!t.roles.includes(WRITE_ROLE)) {
    throw new GraphError('consentMissing', `The app's token in this tenant lacks ${WRITE_ROLE}: an administrator has to grant consent`, { status: 403, code: 'MissingRole' });
  }
}

/**
 * Sets or clears the presence of many users (TEAMS-2), 20 per `$batch`, several batches at once.
 * Every write gets its own result; a clear of a user without our session (404) counts as done.
 * Throws only when the tenant cannot be written at all (credentials, consent).
 */
export async function writePresences(app: GraphApp, writes: readonly PresenceWrite[], opts: WriteOptions = {}): Promise<PresenceWriteResult[]> {
  if (!writes.length) return [];
  const retry = retryOf(opts);
  await requireWriteRole(app, retry);
  const sessionId = opts.sessionId ?? app.clientId;
  const items: BatchItem[] = writes.map(({ userId, action }) =>
    action.kind === 'set'
      ? { method: 'POST', url: presencePath(userId, 'setPresence'), body: { sessionId, availability: action.availability, activity: action.activity, expirationDuration: action.expirationDuration } }
      : { method: 'POST', url: presencePath(userId, 'clearPresence'), body: { sessionId } },
  );
  const outcomes = await runBatches(app, items, { bucket: 'write', concurrency: opts.concurrency, retry });
  return outcomes.map((out, i): PresenceWriteResult => {
    const { userId, action } = writes[i]!;
    if (out.ok) return { userId, ok: true, status: out.status };
    if (action.kind === 'clear' && out.error.kind === 'notFound') return { userId, ok: true, status: 404 };
    return { userId, ok: false, error: out.error };
  });
}

export async function setPresence(app: GraphApp, userId: string, availability: string, activity: string, expirationDuration: string, opts: WriteOptions = {}): Promise<void> {
  const body = { sessionId: opts.sessionId ?? app.clientId, availability, activity, expirationDuration };
  await graphCall(app, { method: 'POST', path: presencePath(userId, 'setPresence'), body, bucket: 'write', retry: retryOf(opts) });
}

/** 'none' when the user had no session of ours (Graph's 404). */
export async function clearPresence(app: GraphApp, userId: string, opts: WriteOptions = {}): Promise<'cleared' | 'none'> {
  try {
    await graphCall(app, { method: 'POST', path: presencePath(userId, 'clearPresence'), body: { sessionId: opts.sessionId ?? app.clientId }, bucket: 'write', retry: retryOf(opts) });
    return 'cleared';
  } catch (e) {
    if (e instanceof GraphError && e.kind === 'notFound') return 'none';
    throw e;
  }
}

/**
 * The presence of many users, 650 ids per getPresencesByUserId request, two requests at a time;
 * as the app (Presence.Read.All) or as a monitor.
 */
export async function getPresences(who: Principal, ids: readonly string[], opts: RetryOptions = {}): Promise<Presence[]> {
  const chunks = chunk([...new Set(ids)], PRESENCE_IDS_PER_REQUEST);
  const out: Presence[][] = new Array(chunks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < chunks.length; i = next++) {
      const res = await graphCall<{ value?: Presence[] }>(who, { method: 'POST', path: '/communications/getPresencesByUserId', body: { ids: chunks[i] }, bucket: 'read', retry: retryOf(opts) });
      out[i] = (res.body?.value ?? []).map((p) => ({ id: p.id, availability: p.availability, activity: p.activity }));
    }
  };
  await Promise.all([worker(), worker()]);
  return out.flat();
}
