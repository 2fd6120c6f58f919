export interface GraphEmulatorOptions {
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /** HTTPS port (login + Graph); default 0 (pick a free port). */
  port?: number;
  /** HTTP control API port; default 0 (pick a free port). */
  controlPort?: number;
  /** `expires_in` of issued access tokens; default 3599. */
  tokenLifetimeSeconds?: number;
  /** How long the subscription validation handshake may take; default 10000. */
  validationTimeoutMs?: number;
}

export type TeamsClientState = 'Offline' | 'Inactive' | 'Active' | 'InCall' | 'Presenting';
export type PreferredAvailability = 'Available' | 'Busy' | 'DoNotDisturb' | 'BeRightBack' | 'Away' | 'Offline';
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
export type FaultKind = 'throttle' | 'error' | 'latency' | 'down';

export interface Permissions {
  application?: string[];
  delegated?: string[];
}

export interface AppSpec {
  appId?: string;
  displayName?: string;
  /** Can be admin-consented in other tenants (then it gets a service principal there). */
  multiTenant?: boolean;
  permissions?: Permissions;
  /** Admin consent granted in the tenant the app is created in. Default false. */
  consented?: boolean;
  redirectUris?: string[];
  /** Default: one generated secret valid 180 days. */
  secrets?: SecretSpec[];
}

export interface SecretSpec {
  value?: string;
  description?: string;
  /** ISO 8601; in the past = an expired secret. Default now + 180 days. */
  endDateTime?: string;
}

export interface IssuedSecret {
  keyId: string;
  value: string;
  endDateTime: string;
}

export interface UserSpec {
  userPrincipalName: string;
  /** Default the UPN; null for none. */
  mail?: string | null;
  displayName?: string;
  /** Default "Passw0rd!". */
  password?: string;
  /** May grant admin consent. */
  isAdmin?: boolean;
  id?: string;
}

export interface BulkUsers {
  count: number;
  /** Default the tenant's domain. */
  domain?: string;
  /** Default "user": user1@domain, user2@domain… */
  prefix?: string;
  password?: string;
  /** First number; default 1. */
  start?: number;
}

export interface CreatedUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
}

export interface ContactSpec {
  displayName: string;
  /** Addresses, or `{ name, address }` objects. */
  emailAddresses?: (string | { name?: string; address: string })[];
  businessPhones?: string[];
  mobilePhone?: string;
  homePhones?: string[];
  givenName?: string;
  surname?: string;
  companyName?: string;
}

export interface Presence {
  availability: string;
  activity: string;
}

export interface PresenceSnapshot extends Presence {
  client: TeamsClientState;
  preferred: PreferredAvailability | null;
  sessions: { sessionId: string; availability: string; activity: string; expiresAt: string }[];
}

export interface RecordedCall {
  /** ms since the epoch, sub-millisecond precision. */
  at: number;
  tenant: string | null;
  appId?: string | null;
  /** e.g. token, authorize, adminconsent, users, user, me, contacts, getPresence, setPresence, clearPresence,
   * setUserPreferredPresence, clearUserPreferredPresence, getPresencesByUserId, batch, subscriptionCreate,
   * subscriptionList, subscriptionGet, subscriptionUpdate, subscriptionDelete, applications, unknown. */
  op: string;
  method: string;
  path: string;
  userId?: string;
  body?: unknown;
  status: number;
  /** The inner request id when the call was part of a $batch. */
  batch?: string;
}

export interface ConsentRecord {
  tenantId: string;
  appId: string;
  at: string;
  /** UPN of the admin who accepted. */
  by: string;
}

export interface SubscriptionRecord {
  id: string;
  tenantId: string;
  appId: string;
  creatorId: string;
  resource: string;
  ids: string[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
  createdAt: string;
  deliveries: number;
}

export interface NotificationRecord {
  id: string;
  at: number;
  kind: 'validation' | 'change' | 'lifecycle';
  /** For validations: 'notificationUrl' | 'lifecycleNotificationUrl'. */
  which?: string;
  subscriptionId: string | null;
  tenantId: string;
  url: string;
  validationToken?: string;
  body: unknown;
  /** HTTP status, or null when the request failed (network, timeout). */
  status: number | null;
  ok: boolean;
  error?: string;
  /** 0 for the first try, then 1, 2… for retries. */
  attempt: number;
}

export interface FaultSpec {
  kind: FaultKind;
  /** Only this tenant (id or domain); default every tenant. */
  tenant?: string;
  /** Only this operation (see RecordedCall.op) or family: presenceWrite, presenceRead, subscriptions, users, login. */
  op?: string;
  /** Next N matching requests (throttle, error, latency). */
  count?: number;
  /** For this long (all kinds). Neither count nor durationMs: until cleared. */
  durationMs?: number;
  /** Retry-After header; default 1 for throttle, none for error. */
  retryAfterSeconds?: number;
  /** error: the status; default 503. */
  status?: number;
  /** latency: added to each matching answer. */
  latencyMs?: number;
  /** error: carry the request out, then answer the error (the work done, the answer lost). */
  applied?: boolean;
}

export interface EmulatorSettings {
  tokenLifetimeSeconds: number;
  validationTimeoutMs: number;
  /** Change notifications of one subscription within this window go in one POST; default 50. */
  notificationBatchMs: number;
  /** Retries of a failed delivery; default 3. */
  deliveryRetries: number;
  /** First retry delay, doubled each time; default 200. */
  deliveryBackoffMs: number;
  /** Per delivery attempt; default 5000. */
  deliveryTimeoutMs: number;
  /** Send reauthorizationRequired this long before a subscription expires; null (default) = never by itself. */
  reauthorizationLeadMs: number | null;
}

/** The control API's operations (HTTP routes in README.md). Errors throw with `status` 400/404/409. */
export interface GraphEmulatorControl {
  /** POST /reset: forget everything (tenants, apps, users, subscriptions, faults, calls, settings). */
  reset(): { ok: true };
  /** POST /tenants */
  createTenant(spec?: { tenantId?: string; domain?: string; displayName?: string }): { tenantId: string };
  /** POST /tenants/:tenant/apps */
  createApp(tenant: string, spec: AppSpec): { appId: string; secrets: IssuedSecret[] };
  /** PATCH /tenants/:tenant/apps/:appId (consented applies to :tenant). */
  updateApp(tenant: string, appId: string, patch: { consented?: boolean; permissions?: Permissions; redirectUris?: string[]; displayName?: string; multiTenant?: boolean }): { appId: string };
  /** POST /tenants/:tenant/apps/:appId/secrets */
  addSecret(tenant: string, appId: string, spec?: SecretSpec): IssuedSecret;
  /** DELETE /tenants/:tenant/apps/:appId/secrets/:keyId */
  removeSecret(tenant: string, appId: string, keyId: string): { keyId: string };
  /** POST /tenants/:tenant/users */
  createUsers(tenant: string, spec: { users: UserSpec[] } | BulkUsers): { users: CreatedUser[] };
  /** PATCH /tenants/:tenant/users/:idOrUpn — a new password revokes the user's refresh tokens. */
  updateUser(tenant: string, idOrUpn: string, patch: { password?: string; isAdmin?: boolean; displayName?: string }): { id: string; userPrincipalName: string };
  /** POST /tenants/:tenant/users/:idOrUpn/contacts */
  addContacts(tenant: string, idOrUpn: string, spec: { contacts: ContactSpec[] }): { contacts: { id: string; displayName: string | null }[] };
  /** PUT /tenants/:tenant/users/:idOrUpn/client {state} → the new aggregate. */
  setClientState(tenant: string, idOrUpn: string, state: TeamsClientState): Presence;
  /** PUT /tenants/:tenant/users/:idOrUpn/preferred {availability} → the new aggregate. */
  setPreferredPresence(tenant: string, idOrUpn: string, availability: PreferredAvailability | null): Presence;
  /** GET /tenants/:tenant/users/:idOrUpn/presence */
  getPresence(tenant: string, idOrUpn: string): PresenceSnapshot;
  /** GET /calls?tenant=&op=&since= (since: ms epoch, inclusive). */
  calls(filter?: { tenant?: string; op?: string; since?: number }): RecordedCall[];
  /** DELETE /calls */
  clearCalls(): { ok: true };
  /** GET /consents: admin consents given through the admin consent pages. */
  consents(): ConsentRecord[];
  /** GET /subscriptions */
  subscriptions(): SubscriptionRecord[];
  /** POST /subscriptions/:id/lifecycle {event} (delivered in the background). */
  sendLifecycleEvent(subscriptionId: string, event: LifecycleEvent): { subscriptionId: string; event: LifecycleEvent; sent: boolean };
  /** DELETE /subscriptions/:id: Graph forgets it silently. */
  dropSubscription(subscriptionId: string): { id: string };
  /** GET /notifications: every validation request and delivery attempt. */
  notifications(): NotificationRecord[];
  /** DELETE /notifications */
  clearNotifications(): { ok: true };
  /** POST /faults */
  addFault(spec: FaultSpec): { id: string };
  /** GET /faults */
  faults(): (Required<Pick<FaultSpec, 'kind'>> & { id: string; tenant: string | null; op: string | null; remaining: number | null; until: string | null; retryAfterSeconds: number | null; status: number; latencyMs: number; applied: boolean })[];
  /** DELETE /faults/:id */
  removeFault(id: string): { id: string };
  /** DELETE /faults (a down listener comes back). */
  clearFaults(): { ok: true };
  /** PUT /tenants/:tenant/rate-limit {perSecond}: presence writes per second, 429 beyond; null = off. */
  setRateLimit(tenant: string, perSecond: number | null): { tenantId: string; perSecond: number | null };
  /** GET /settings */
  settings(): EmulatorSettings;
  /** PUT /settings */
  updateSettings(patch: Partial<EmulatorSettings>): EmulatorSettings;
  /** POST /tokens: mint an access token without the token endpoint (lifetimeSeconds < 0: already expired). */
  issueToken(spec: { tenant: string; appId: string; user?: string; lifetimeSeconds?: number }): { access_token: string; claims: Record<string, unknown> };
}

export interface StartedGraphEmulator {
  /** https://127.0.0.1:PORT — Graph is `${url}/v1.0`, login is `${url}/<tenant>/…`. */
  url: string;
  /** http://127.0.0.1:CPORT — the JSON control API. */
  controlUrl: string;
  /** PEM certificate clients must trust. */
  ca: string;
  port: number;
  controlPort: number;
  close(): Promise<void>;
  control: GraphEmulatorControl;
}

export function startGraphEmulator(options?: GraphEmulatorOptions): Promise<StartedGraphEmulator>;

export declare const DEMO: {
  readonly tenantId: string;
  readonly domain: string;
  readonly appId: string;
  readonly clientSecret: string;
  readonly password: string;
  readonly adminUpn: string;
  readonly userCount: number;
  readonly publisherTenantId: string;
  readonly publisherDomain: string;
  readonly portalAppId: string;
  readonly portalAppSecret: string;
};

/** Seeds the demo tenants (what GRAPH_DEMO=on does). */
export function seedDemoTenant(control: GraphEmulatorControl, options?: { redirectUris?: string[] }): typeof DEMO & { users: CreatedUser[] };
