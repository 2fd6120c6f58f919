// Graph change-notification subscriptions on /communications/presences: the validation handshake,
// batched change notifications with retries, lifecycle notifications, renewal and expiry.
import { parseFilter } from './odata.mjs';
import { createDelivery } from './delivery.mjs';
import { graphError, uuid } from './util.mjs';
import { MAX_PRESENCE_IDS } from './presence.mjs';

const MAX_EXPIRY_MS = 3600_000;
const LIFECYCLE_EVENTS = new Set(['reauthorizationRequired', 'subscriptionRemoved', 'missed']);
const invalid = (message) => graphError(400, 'InvalidRequest', message);

/** The user ids a presence subscription resource watches, or null when the resource is not supported. */
export function parsePresenceResource(resource) {
  let text = String(resource ?? '').trim();
  if (/%[0-9a-f]{2}/i.test(text)) text = decodeURIComponent(text);
  const single = /^\/?communications\/presences(?:\/|\(')([^/?')]+)'?\)?$/i.exec(text);
  if (single) return [single[1].toLowerCase()];
  const list = /^\/?communications\/presences\?\$filter=(.+)$/i.exec(text);
  if (!list) return null;
  try {
    const ast = parseFilter(list[1].replace(/"/g, "'"));
    if (ast.op !== 'in' || ast.field !== 'id') return null;
    return [...new Set(ast.values.map((v) => String(v).toLowerCase()))];
  } catch {
    return null;
  }
}

export function createSubscriptions(ctx) {
  const subs = new Map();
  const watchers = new Map(); // userId -> Set<sub>
  const delivery = createDelivery(ctx);
  const { validate, deliver } = delivery;

  function presenceChanged(user, presence) {
    const set = watchers.get(user.id);
    if (!set) return;
    const now = Date.now();
    for (const sub of set) {
      if (sub.expiresAt <= now) continue;
      const resource = `communications/presences('${user.id}')`;
      sub.pending.push({
        subscriptionId: sub.id,
        clientState: sub.clientState,
        changeType: 'updated',
        resource,
        resourceData: { '@odata.type': '#Microsoft.Graph.presence', '@odata.id': resource, id: user.id, availability: presence.availability, activity: presence.activity },
        subscriptionExpirationDateTime: new Date(sub.expiresAt).toISOString(),
        tenantId: sub.tenantId,
      });
      if (!sub.flushTimer) {
        sub.flushTimer = setTimeout(() => flush(sub), ctx.settings.notificationBatchMs);
        sub.flushTimer.unref?.();
      }
    }
  }

  function flush(sub) {
    sub.flushTimer = null;
    while (sub.pending.length) {
      const value = sub.pending.splice(0, 1000);
      void deliver(sub, 'change', sub.notificationUrl, { value });
    }
  }

  function lifecycle(sub, event) {
    const item = {
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: new Date(sub.expiresAt).toISOString(),
      tenantId: sub.tenantId,
      clientState: sub.clientState,
      lifecycleEvent: event,
    };
    if (event === 'subscriptionRemoved') remove(sub);
    if (sub.lifecycleNotificationUrl) void deliver(sub, 'lifecycle', sub.lifecycleNotificationUrl, { value: [item] });
    return { subscriptionId: sub.id, event, sent: Boolean(sub.lifecycleNotificationUrl) };
  }

  function schedule(sub) {
    clearTimeout(sub.timer);
    clearTimeout(sub.reauthTimer);
    sub.timer = setTimeout(() => remove(sub), Math.max(0, sub.expiresAt - Date.now()));
    sub.timer.unref?.();
    const lead = ctx.settings.reauthorizationLeadMs;
    if (lead !== null && lead !== undefined && sub.lifecycleNotificationUrl) {
      sub.reauthTimer = setTimeout(() => subs.has(sub.id) && lifecycle(sub, 'reauthorizationRequired'), Math.max(0, sub.expiresAt - lead - Date.now()));
      sub.reauthTimer.unref?.();
    }
  }

  function remove(sub) {
    clearTimeout(sub.timer);
    clearTimeout(sub.reauthTimer);
    clearTimeout(sub.flushTimer);
    sub.flushTimer = null;
    subs.delete(sub.id);
    for (const id of sub.ids) {
      const set = watchers.get(id);
      set?.delete(sub);
      if (set && set.size === 0) watchers.delete(id);
    }
  }

  function expiry(value) {
    const at = Date.parse(value ?? '');
    if (Number.isNaN(at)) return { error: invalid("The 'expirationDateTime' property is required and must be a date.") };
    if (at <= Date.now()) return { error: invalid('Subscription expiration can only be 0-60 minutes in the future: the expirationDateTime is in the past.') };
    if (at > Date.now() + MAX_EXPIRY_MS) return { error: invalid('Subscription expiration can only be 0-60 minutes in the future.') };
    return { at };
  }

  function permission(auth) {
    if (auth.kind === 'app') {
      return graphError(403, 'Forbidden', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Application permissions are not supported for presence subscriptions; use a delegated token with Presence.Read.All.]');
    }
    if (!auth.scopes.has('Presence.Read.All')) {
      return graphError(403, 'Forbidden', `Missing scope permissions on the request. API requires one of 'Presence.Read.All'. Scopes on the request '${[...auth.scopes].join(' ')}'.`);
    }
    return null;
  }

  function json(sub, base) {
    return {
      '@odata.context': `${base}/v1.0/$metadata#subscriptions/$entity`,
      id: sub.id,
      resource: sub.resource,
      applicationId: sub.appId,
      changeType: sub.changeType,
      notificationUrl: sub.notificationUrl,
      notificationQueryOptions: null,
      lifecycleNotificationUrl: sub.lifecycleNotificationUrl,
      expirationDateTime: new Date(sub.expiresAt).toISOString(),
      creatorId: sub.creatorId,
      includeResourceData: sub.includeResourceData,
      latestSupportedTlsVersion: 'v1_2',
      encryptionCertificate: null,
      encryptionCertificateId: null,
      notificationUrlAppId: null,
    };
  }

  const httpUrl = (u) => typeof u === 'string' && URL.canParse(u) && /^https?:$/.test(new URL(u).protocol);

  async function create(auth, body, base) {
    const denied = permission(auth);
    if (denied) return denied;
    if (!body || typeof body !== 'object') return invalid('The request body is required.');
    if (body.changeType !== 'updated') return invalid(`The changeType '${body.changeType}' is not supported for presence: use 'updated'.`);
    if (!httpUrl(body.notificationUrl)) return invalid("The 'notificationUrl' must be an absolute http(s) URL.");
    if (body.lifecycleNotificationUrl !== undefined && body.lifecycleNotificationUrl !== null && !httpUrl(body.lifecycleNotificationUrl)) {
      return invalid("The 'lifecycleNotificationUrl' must be an absolute http(s) URL.");
    }
    const ids = parsePresenceResource(body.resource);
    if (!ids || ids.length === 0) return invalid(`The resource '${body.resource}' is not supported: use /communications/presences?$filter=id in ('…').`);
    if (ids.length > MAX_PRESENCE_IDS) return invalid(`Too many ids in the resource (${ids.length}): at most ${MAX_PRESENCE_IDS} users per subscription.`);
    if (body.clientState !== undefined && body.clientState !== null && (typeof body.clientState !== 'string' || body.clientState.length > 128)) {
      return invalid("The 'clientState' must be a string of at most 128 characters.");
    }
    const exp = expiry(body.expirationDateTime);
    if (exp.error) return exp.error;
    const sub = {
      id: uuid(),
      tenantId: auth.tenant.id,
      appId: auth.appId,
      creatorId: auth.userId,
      resource: body.resource,
      ids,
      changeType: 'updated',
      notificationUrl: body.notificationUrl,
      lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
      clientState: body.clientState ?? null,
      includeResourceData: Boolean(body.includeResourceData),
      expiresAt: exp.at,
      createdAt: new Date().toISOString(),
      deliveries: 0,
      pending: [],
      timer: null,
      reauthTimer: null,
      flushTimer: null,
    };
    for (const [which, url] of [['notificationUrl', sub.notificationUrl], ['lifecycleNotificationUrl', sub.lifecycleNotificationUrl]]) {
      if (!url) continue;
      const { okay, error } = await validate(url, sub, which);
      if (!okay) return graphError(400, 'ValidationError', `Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request (${which}: ${error}).`);
    }
    if (delivery.stopped()) return graphError(503, 'ServiceUnavailable', 'The emulator is stopping.');
    subs.set(sub.id, sub);
    for (const id of ids) {
      let set = watchers.get(id);
      if (!set) watchers.set(id, (set = new Set()));
      set.add(sub);
    }
    schedule(sub);
    return { status: 201, body: json(sub, base) };
  }

  const owned = (auth, id) => {
    const sub = subs.get(id);
    return sub && sub.tenantId === auth.tenant.id && sub.appId === auth.appId && sub.expiresAt > Date.now() ? sub : null;
  };
  const missing = (id) => graphError(404, 'ResourceNotFound', `The object '${id}' was not found.`);

  function list(auth, base) {
    const value = [...subs.values()].filter((s) => owned(auth, s.id)).map((s) => {
      const { '@odata.context': _c, ...rest } = json(s, base);
      return rest;
    });
    return { status: 200, body: { '@odata.context': `${base}/v1.0/$metadata#subscriptions`, value } };
  }

  function get(auth, id, base) {
    const sub = owned(auth, id);
    return sub ? { status: 200, body: json(sub, base) } : missing(id);
  }

  function update(auth, id, body, base) {
    const sub = owned(auth, id);
    if (!sub) return missing(id);
    const denied = permission(auth);
    if (denied) return denied;
    if (body?.expirationDateTime !== undefined) {
      const exp = expiry(body.expirationDateTime);
      if (exp.error) return exp.error;
      sub.expiresAt = exp.at;
      schedule(sub);
    }
    return { status: 200, body: json(sub, base) };
  }

  function del(auth, id) {
    const sub = owned(auth, id);
    if (!sub) return missing(id);
    remove(sub);
    return { status: 204 };
  }

  return {
    presenceChanged,
    ops: { create, list, get, update, delete: del },
    control: {
      list: () =>
        [...subs.values()].map((s) => ({
          id: s.id,
          tenantId: s.tenantId,
          appId: s.appId,
          creatorId: s.creatorId,
          resource: s.resource,
          ids: [...s.ids],
          notificationUrl: s.notificationUrl,
          lifecycleNotificationUrl: s.lifecycleNotificationUrl,
          clientState: s.clientState,
          expirationDateTime: new Date(s.expiresAt).toISOString(),
          createdAt: s.createdAt,
          deliveries: s.deliveries,
        })),
      lifecycle(id, event) {
        const sub = subs.get(id);
        if (!sub) return null;
        if (!LIFECYCLE_EVENTS.has(event)) throw Object.assign(new Error(`event must be one of ${[...LIFECYCLE_EVENTS].join(', ')}`), { status: 400 });
        return lifecycle(sub, event);
      },
      drop(id) {
        const sub = subs.get(id);
        if (!sub) return null;
        remove(sub);
        return { id };
      },
      notifications: delivery.log,
      clearNotifications: delivery.clear,
      reschedule: () => subs.forEach(schedule),
    },
    reset() {
      for (const sub of [...subs.values()]) {
        sub.cancelled = true;
        remove(sub);
      }
      delivery.reset();
    },
    stop() {
      delivery.stop();
      for (const sub of [...subs.values()]) remove(sub);
    },
  };
}
