import 'server-only';
import { graphCall } from './client';
import { GraphError } from './errors';
import { PRESENCE_IDS_PER_REQUEST } from './presence';
import type { RetryOptions } from './retry';
import type { DelegatedToken } from './types';

export interface PresenceSubscriptionInput {
  userIds: readonly string[];
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState: string;
  expirationDateTime: Date;
}

/** The resource of a presence subscription: up to 650 users by id. */
export function presenceResource(userIds: readonly string[]): string {
  return `/communications/presences?$filter=id in (${userIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(',')})`;
}

/** A presence change subscription for a monitor (Graph validates `notificationUrl` before answering). */
export async function createPresenceSubscription(token: DelegatedToken, s: PresenceSubscriptionInput, retry?: RetryOptions): Promise<{ id: string; expirationDateTime: Date }> {
  if (!s.userIds.length || s.userIds.length > PRESENCE_IDS_PER_REQUEST) {
    throw new GraphError('invalidRequest', `A presence subscription takes 1 to ${PRESENCE_IDS_PER_REQUEST} users, not ${s.userIds.length}`);
  }
  const body = {
    changeType: 'updated',
    resource: presenceResource(s.userIds),
    notificationUrl: s.notificationUrl,
    ...(s.lifecycleNotificationUrl ? { lifecycleNotificationUrl: s.lifecycleNotificationUrl } : {}),
    clientState: s.clientState,
    expirationDateTime: s.expirationDateTime.toISOString(),
  };
  const res = await graphCall<{ id: string; expirationDateTime: string }>(token, { method: 'POST', path: '/subscriptions', body, bucket: 'read', retry: { timeoutMs: 30_000, ...retry } });
  if (!res.body?.id) throw new GraphError('unavailable', 'Graph created a subscription without an id', { status: res.status });
  return { id: res.body.id, expirationDateTime: new Date(res.body.expirationDateTime) };
}

export async function renewSubscription(token: DelegatedToken, id: string, expirationDateTime: Date, retry?: RetryOptions): Promise<{ expirationDateTime: Date }> {
  const res = await graphCall<{ expirationDateTime: string }>(token, {
    method: 'PATCH',
    path: `/subscriptions/${encodeURIComponent(id)}`,
    body: { expirationDateTime: expirationDateTime.toISOString() },
    bucket: 'read',
    retry,
  });
  return { expirationDateTime: new Date(res.body?.expirationDateTime ?? expirationDateTime) };
}

/** Deletes a subscription; one Graph no longer knows (404) counts as deleted. */
export async function deleteSubscription(token: DelegatedToken, id: string, retry?: RetryOptions): Promise<void> {
  try {
    await graphCall(token, { method: 'DELETE', path: `/subscriptions/${encodeURIComponent(id)}`, bucket: 'read', retry });
  } catch (e) {
    if (!(e instanceof GraphError && e.kind === 'notFound')) throw e;
  }
}
