import 'server-only';
import { adminConsentUrl, authorizeUrl, monitorRedeemCode, monitorRefresh, monitorSignIn } from './delegated';
import { application, listContacts, listUsers } from './directory';
import { clearPresence, getPresences, setPresence, writePresences } from './presence';
import type { RetryOptions } from './retry';
import { createPresenceSubscription, deleteSubscription, renewSubscription } from './subscriptions';
import { appToken, freshAppToken } from './tokens';
import type { GraphApp } from './types';

export { GraphError, type GraphErrorKind } from './errors';
export { graphConfig, resetGraphConfig } from './config';
export { MONITOR_SCOPES, OPTIONAL_APP_PERMISSIONS, PRESENCE_APP_PERMISSIONS } from './delegated';
export { BATCH_SIZE } from './batch';
export { PRESENCE_IDS_PER_REQUEST, type WriteOptions } from './presence';
export type { AppRegistration, Contact } from './directory';
export type { PresenceSubscriptionInput } from './subscriptions';
export type { RetryOptions } from './retry';
export type { DelegatedToken, GraphApp, GraphUser, Presence, PresenceAction, PresenceWrite, PresenceWriteResult, Principal } from './types';

/**
 * The portal's one way to Microsoft Graph and Entra (TEAMS, O365). Every call shares the tenant's
 * token cache, buckets and 429 pause; failures are GraphErrors with a `kind`. The trailing
 * RetryOptions bound attempts and time per call.
 */
export const graph = {
  /** The app's client-credentials token in a tenant: its `roles` tell whether consent was granted. */
  appToken: async (app: GraphApp, retry?: RetryOptions): Promise<{ roles: string[]; expiresAt: Date }> => {
    const t = await appToken(app, retry);
    return { roles: [...t.roles], expiresAt: t.expiresAt };
  },
  /** The same, never from the cache: for verification and consent checks, which must see a change made minutes ago. */
  freshAppToken: async (app: GraphApp, retry?: RetryOptions): Promise<{ roles: string[]; expiresAt: Date }> => {
    const t = await freshAppToken(app, retry);
    return { roles: [...t.roles], expiresAt: t.expiresAt };
  },
  listUsers,
  writePresences,
  setPresence,
  clearPresence,
  getPresences,
  application,
  adminConsentUrl,
  authorizeUrl,
  monitorSignIn,
  monitorRedeemCode,
  monitorRefresh,
  createPresenceSubscription,
  renewSubscription,
  deleteSubscription,
  listContacts,
};

export type GraphAdapter = typeof graph;
