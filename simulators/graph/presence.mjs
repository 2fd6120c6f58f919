// Presence: each user's Teams client state, user-preferred presence and application sessions, aggregated
// by lib/presence/teams-aggregation.ts (the same code the portal uses), plus the Graph presence operations.
// Every change recomputes the user's aggregate and, when it differs, tells the subscriptions (O(1) per user).
import {
  aggregateTeamsPresence,
  isValidSessionPair,
  TEAMS_CLIENT_STATES,
  TEAMS_PREFERRED_AVAILABILITIES,
} from '../../lib/presence/teams-aggregation.ts';
import { controlError, graphError, parseDuration } from './util.mjs';

const OFFLINE = Object.freeze({ availability: 'Offline', activity: 'Offline' });
const MIN_SESSION_MS = 5 * 60_000;
const MAX_SESSION_MS = 4 * 3600_000;
export const MAX_PRESENCE_IDS = 650;

const ok = () => ({ status: 200 });
const bad = (message) => graphError(400, 'BadRequest', message);

export function createPresence(ctx) {
  const timed = new Set(); // users with an expiry timer

  /** Drop expired sessions / preferred presence; the live sessions. */
  function prune(user, now = Date.now()) {
    for (const [id, s] of user.sessions) if (s.expiresAt <= now) user.sessions.delete(id);
    if (user.preferredExpiresAt !== null && user.preferredExpiresAt <= now) {
      user.preferred = null;
      user.preferredExpiresAt = null;
    }
    return user.sessions;
  }

  /** What other Teams users see right now. */
  function current(user) {
    const sessions = prune(user);
    return aggregateTeamsPresence({ client: user.client, appSessions: [...sessions.values()], preferred: user.preferred });
  }

  function schedule(user) {
    if (user.timer) clearTimeout(user.timer);
    user.timer = null;
    timed.delete(user);
    let next = user.preferredExpiresAt ?? Infinity;
    for (const s of user.sessions.values()) if (s.expiresAt < next) next = s.expiresAt;
    if (next === Infinity) return;
    user.timer = setTimeout(() => {
      user.timer = null;
      timed.delete(user);
      changed(user);
    }, Math.max(0, next - Date.now()) + 1);
    user.timer.unref?.();
    timed.add(user);
  }

  /** Recompute after any change (or expiry); notify subscriptions when the aggregate moved. */
  function changed(user) {
    const now = current(user);
    const prev = user.last ?? OFFLINE;
    user.last = now;
    schedule(user);
    if (prev.availability !== now.availability || prev.activity !== now.activity) ctx.subs.presenceChanged(user, now);
    return now;
  }

  const view = (user) => ({ id: user.id, ...current(user) });

  // ---- control -----------------------------------------------------------------------------
  function setClient(user, state) {
    if (!TEAMS_CLIENT_STATES.includes(state)) throw controlError(400, `state must be one of ${TEAMS_CLIENT_STATES.join(', ')}`);
    user.client = state;
    return changed(user);
  }

  function setPreferred(user, availability, expiresAt = null) {
    if (availability !== null && !TEAMS_PREFERRED_AVAILABILITIES.includes(availability)) {
      throw controlError(400, `availability must be null or one of ${TEAMS_PREFERRED_AVAILABILITIES.join(', ')}`);
    }
    user.preferred = availability;
    user.preferredExpiresAt = availability === null ? null : expiresAt;
    return changed(user);
  }

  function snapshot(user) {
    const agg = current(user);
    return {
      ...agg,
      client: user.client,
      preferred: user.preferred,
      sessions: [...user.sessions].map(([sessionId, s]) => ({ sessionId, availability: s.availability, activity: s.activity, expiresAt: new Date(s.expiresAt).toISOString() })),
    };
  }

  function stop() {
    for (const user of timed) {
      if (user.timer) clearTimeout(user.timer);
      user.timer = null;
    }
    timed.clear();
  }

  // ---- Graph operations (auth checked by the router; `user` resolved in the caller's tenant) ----
  function duration(value, fallbackMs) {
    if (value === undefined || value === null) return fallbackMs;
    const ms = parseDuration(value);
    if (ms === null) return { error: bad(`The expirationDuration '${value}' is not a valid ISO 8601 duration.`) };
    return ms;
  }

  function setPresence(auth, user, body) {
    if (!body || typeof body !== 'object') return bad('The request body is required.');
    if (String(body.sessionId ?? '').toLowerCase() !== auth.appId) {
      return bad(`The sessionId '${body.sessionId ?? ''}' is not valid: it must be the application id of the caller (${auth.appId}).`);
    }
    if (!isValidSessionPair(body.availability, body.activity)) {
      return bad(`The availability '${body.availability}' and activity '${body.activity}' combination is not supported.`);
    }
    const ms = duration(body.expirationDuration, MIN_SESSION_MS);
    if (typeof ms !== 'number') return ms.error;
    if (ms < MIN_SESSION_MS || ms > MAX_SESSION_MS) {
      return bad(`The expirationDuration '${body.expirationDuration}' is out of range: it must be between PT5M and PT4H.`);
    }
    user.sessions.set(auth.appId, { availability: body.availability, activity: body.activity, expiresAt: Date.now() + ms });
    changed(user);
    return ok();
  }

  function clearPresence(auth, user, body) {
    if (String(body?.sessionId ?? '').toLowerCase() !== auth.appId) {
      return bad(`The sessionId '${body?.sessionId ?? ''}' is not valid: it must be the application id of the caller (${auth.appId}).`);
    }
    prune(user);
    if (!user.sessions.has(auth.appId)) return graphError(404, 'NotFound', `No presence session '${auth.appId}' exists for user '${user.id}'.`);
    user.sessions.delete(auth.appId);
    changed(user);
    return ok();
  }

  function setUserPreferredPresence(_auth, user, body) {
    const availability = body?.availability;
    if (!TEAMS_PREFERRED_AVAILABILITIES.includes(availability)) return bad(`The availability '${availability}' is not supported.`);
    const expected = aggregateTeamsPresence({ client: 'Offline', appSessions: [], preferred: availability }).activity;
    if (body.activity !== expected) return bad(`The availability '${availability}' and activity '${body.activity}' combination is not supported.`);
    const ms = duration(body.expirationDuration, null);
    if (ms !== null && typeof ms !== 'number') return ms.error;
    if (ms !== null && (ms <= 0 || ms > 7 * 86_400_000)) return bad(`The expirationDuration '${body.expirationDuration}' is out of range.`);
    setPreferred(user, availability, ms === null ? null : Date.now() + ms);
    return ok();
  }

  function clearUserPreferredPresence(_auth, user) {
    setPreferred(user, null);
    return ok();
  }

  function getPresence(_auth, user) {
    return { status: 200, body: view(user) };
  }

  function getPresencesByUserId(auth, body) {
    const ids = body?.ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) return bad("The 'ids' property must be a non-empty array of user ids.");
    if (ids.length > MAX_PRESENCE_IDS) return bad(`The number of ids (${ids.length}) exceeds the limit of ${MAX_PRESENCE_IDS}.`);
    const seen = new Set();
    const value = [];
    for (const id of ids) {
      const user = auth.tenant.users.get(id.toLowerCase());
      if (!user || seen.has(user.id)) continue;
      seen.add(user.id);
      value.push(view(user));
    }
    return { status: 200, body: { value } };
  }

  return {
    current,
    changed,
    setClient,
    setPreferred,
    snapshot,
    stop,
    ops: { setPresence, clearPresence, setUserPreferredPresence, clearUserPreferredPresence, getPresence, getPresencesByUserId },
  };
}
