import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { Agent, fetch } from 'undici';
import { db } from '@/db/client';
import {
  accountIntegrations,
  accounts,
  gateways,
  graphSubscriptions,
  notifications,
  o365Consents,
  pbxUsers,
  pbxUserStates,
  presenceMonitors,
  roleAccounts,
  rolePermissions,
  roles,
  samlRequests,
  ssoConnections,
  teamsConnections,
  teamsPresenceUsers,
  userImportRows,
  userImports,
  users,
} from '@/db/schema';
import { graph, MONITOR_SCOPES, resetGraphConfig } from '@/lib/adapters/graph';
import { applicableCells } from '@/lib/authz';
import type { SignedInUser } from '@/lib/auth/load-actor';
import { sealSecret } from '@/lib/crypto/secret-box';
import { formatLinkCode, LINK_CODE_ALPHABET } from '@/lib/gateway/link-code';
import { hashSecret, newSecret } from '@/lib/gateway/protocol/secrets';
import { integrationDefinition, type IntegrationId } from '@/lib/integrations/catalogue';
import { consentRedirectUri, createConsentLink } from '@/lib/office365/consent-link';
import { createMonitorLink, monitorRedirectUri } from '@/lib/teams/monitors/monitor-link';
import { hashClientState } from '@/lib/teams/monitors/sync-subscriptions';
import { startGraphEmulator, type StartedGraphEmulator } from '../../../simulators/graph/index.mjs';
import { baseRoleId } from '../helpers';
import { PROBE_IDP, probeCertificate } from './certificate';
import { O365_APP } from './office365-env';

/**
 * What an endpoint call aims at: an account, and fresh objects in it made for this one call, so a
 * destructive call never leaves the next probe with nothing to refuse (not a test file itself).
 */
export interface Target {
  accountId: string;
  partnerOrgId: string;
  /** The caller (null when signed out). Per-call objects that belong to someone belong to it. */
  caller: SignedInUser | null;
  /** Someone allowed: owns the objects when there is no caller. */
  owner: SignedInUser;
  /** A user of the account (`pbx`: one a PBX sync created, GW-3). */
  newUser(options?: { registered?: boolean; pbx?: boolean }): Promise<{ id: string; email: string }>;
  /** A ready import with one valid row; `committed`: that row already created a user (IMP-5). */
  newImport(options?: { committed?: boolean }): Promise<string>;
  /** A notification of the owner (a job's progress when `titleKey` names one). */
  newNotification(titleKey?: string): Promise<string>;
  /** A custom role of the organisation with all its boxes; an Admin-based one assigned to the account unless told not to. */
  newRole(options?: { base?: 'admin' | 'partner'; assigned?: boolean }): Promise<string>;
  /** A partner admin of the organisation (an account manager when asked). */
  newPartnerAdmin(options?: { manager?: boolean }): Promise<string>;
  /** Puts the integration on the account (at `version`, default the shipped one) or takes it off (`present: false`). */
  setIntegration(integrationId: IntegrationId, options?: { present?: boolean; version?: number; settings?: Record<string, unknown> }): Promise<void>;
  /**
   * A CloudLink gateway (F-GW). `announced`: one waiting to be claimed, and the account has none
   * (so it may claim it); otherwise claimed by the account (its earlier gateway goes) and onboarded
   * up to `step` (GW-2). Online (seen just now) unless told not.
   */
  newGateway(options?: { step?: GatewayStep; online?: boolean }): Promise<{ id: string; credential: string; linkCode: string }>;
  /** "Single sign-on" on the account, set up (SSO-1): the integration, finished, and its connection to the probe IdP (users keep their passwords too). */
  setSso(): Promise<void>;
  /** A Test connection round trip of the account that the IdP answered (beyond SSO-3): its request id; the result's detail names the account. */
  newSsoTest(): Promise<string>;
  /**
   * "Microsoft Teams" on the account (TEAMS-1): the integration, set up with a connection to the
   * emulator's tenant and consented app (its secret sealed), the sync directions as told (both off
   * by default), no subscription under way. `connection: false`: the integration only, setup not
   * finished and no connection (what "Finish setup" starts from).
   */
  setTeams(options?: { connection?: boolean; syncToTeams?: boolean; syncFromTeams?: boolean }): Promise<void>;
  /** A user of the account matched to a fresh Azure user of the emulator's tenant (TEAMS-2); `pbx`: linked to a PBX user whose phone is busy. */
  newTeamsUser(options?: { pbx?: boolean }): Promise<{ id: string; email: string; graphUserId: string }>;
  /**
   * A presence monitor of the account (TEAMS-4) for a fresh Azure user: authorised by a real
   * sign-in at the emulator (its refresh token sealed) unless told not; `subscription`: with a Graph
   * subscription row to one matched user.
   */
  newMonitor(options?: { authorized?: boolean; subscription?: boolean }): Promise<{ id: string; upn: string }>;
  /** A Graph subscription the account holds (TEAMS-4), of a fresh authorised monitor to a fresh matched user: what Graph's notifications must name and echo. */
  newSubscription(): Promise<{ id: string; clientState: string; graphUserId: string }>;
  /** "Office 365" on the account (O365-1): the integration, not yet enabled, and the admin consent as last answered (none unless told). */
  setOffice365(options?: { consent?: 'succeeded' | 'failed' | 'unknown' | null }): Promise<void>;
  /** TEAMS-4 "Copy URL" by the owner, for a fresh monitor (Teams set up first): the sign-in link at the emulator, and who signs in there. */
  newMonitorLink(): Promise<{ url: string; monitorId: string; upn: string; password: string }>;
  /** O365-1 "Authorize on Azure" by the owner (Office 365 on the account first): the admin consent link at the emulator. */
  newConsentLink(): Promise<{ url: string }>;
}

export type GatewayStep = 'announced' | 'claimed' | 'site' | 'pbx' | 'connected';
const GATEWAY_STEPS: readonly GatewayStep[] = ['announced', 'claimed', 'site', 'pbx', 'connected'];

export function target(account: { id: string; partnerOrgId: string }, caller: SignedInUser | null, owner: SignedInUser): Target {
  const holder = () => (caller ?? owner).actor.userId!;
  return {
    accountId: account.id,
    partnerOrgId: account.partnerOrgId,
    caller,
    owner,
    async newUser({ registered = false, pbx = false } = {}) {
      const email = `t-${randomUUID()}@authz.example`;
      const [user] = await db()
        .insert(users)
        .values({
          partnerOrgId: account.partnerOrgId,
          accountId: account.id,
          email,
          firstName: 'Tess',
          lastName: 'Target',
          displayName: 'Tess Target',
          roleId: await baseRoleId('user'),
          ...(pbx ? { source: 'pbx' as const } : {}),
          ...(registered ? { registeredAt: new Date(), passwordHash: 'x' } : {}),
        })
        .returning({ id: users.id });
      return { id: user!.id, email };
    },
    async newImport({ committed = false } = {}) {
      const [found] = await db()
        .insert(userImports)
        .values({ partnerOrgId: account.partnerOrgId, accountId: account.id, createdBy: holder(), fileName: 'probe.csv', fileBytes: 40, status: 'ready', rowCount: 1 })
        .returning({ id: userImports.id });
      const email = `i-${randomUUID()}@authz.example`;
      const createdUserId = committed ? (await this.newUser()).id : null;
      await db().insert(userImportRows).values({ importId: found!.id, rowNumber: 2, firstName: 'Ivy', lastName: 'Import', email, emailKey: email, roleKey: 'user', createdUserId });
      return found!.id;
    },
    async newRole({ base = 'admin', assigned = true }: { base?: 'admin' | 'partner'; assigned?: boolean } = {}) {
      const [role] = await db().insert(roles).values({ partnerOrgId: account.partnerOrgId, baseRole: base, name: `Probe ${randomUUID()}` }).returning({ id: roles.id });
      await db().insert(rolePermissions).values(applicableCells(base).map((permission) => ({ roleId: role!.id, permission })));
      if (assigned && base === 'admin') await db().insert(roleAccounts).values({ roleId: role!.id, accountId: account.id });
      return role!.id;
    },
    async newPartnerAdmin({ manager = false } = {}) {
      const [user] = await db()
        .insert(users)
        .values({ partnerOrgId: account.partnerOrgId, email: `p-${randomUUID()}@authz.example`, displayName: 'Paula Probe', roleId: await baseRoleId('partner'), registeredAt: new Date(), isAccountManager: manager })
        .returning({ id: users.id });
      return user!.id;
    },
    async setIntegration(integrationId, { present = true, version, settings = {} } = {}) {
      await db()
        .delete(accountIntegrations)
        .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, integrationId)));
      if (!present) return;
      const row = { accountId: account.id, integrationId, version: version ?? integrationDefinition(integrationId).version, setupDone: true, settings };
      await db().insert(accountIntegrations).values(row);
    },
    async newGateway({ step = 'connected', online = true }: { step?: GatewayStep; online?: boolean } = {}) {
      await db().delete(gateways).where(eq(gateways.accountId, account.id));
      const reached = (s: GatewayStep) => GATEWAY_STEPS.indexOf(step) >= GATEWAY_STEPS.indexOf(s);
      const now = new Date();
      const code = [...randomBytes(8)].map((b) => LINK_CODE_ALPHABET[b % LINK_CODE_ALPHABET.length]).join('');
      const secret = newSecret();
      const site = {
        name: 'Probe site',
        address: { street: 'Probe street 1', city: 'Utrecht', postalCode: '3511 AA', province: '', country: 'NL' },
        ethernet: { port1: { mode: 'dhcp' as const }, port2: { mode: 'disabled' as const } },
      };
      const [row] = await db()
        .insert(gateways)
        .values({
          hardwareId: `GW-${randomUUID()}`,
          model: 'physical',
          platform: 'standalone',
          softwareVersion: '1.4.0',
          lastSeenAt: online ? now : null,
          ...(reached('claimed') ? { accountId: account.id, claimedAt: now, credentialHash: hashSecret(secret) } : { linkCodeHash: hashSecret(code), pollTokenHash: hashSecret(newSecret()) }),
          ...(reached('site') ? { site, siteLinkedAt: now } : {}),
          ...(reached('pbx') ? { pbxType: 'mivb' as const, pbxAddress: '10.0.0.5', pbxUsername: 'admin', pbxPasswordSealed: sealSecret('pbx-pass-123'), pbxVersion: '10.1', pbxLinkedAt: now } : {}),
          ...(reached('connected') ? { connectedAt: now } : {}),
        })
        .returning({ id: gateways.id });
      return { id: row!.id, credential: `${row!.id}.${secret}`, linkCode: formatLinkCode(code) };
    },
    async setSso() {
      await this.setIntegration('singleSignOn');
      const values = { integrationId: 'singleSignOn', ...PROBE_IDP, certificates: [await probeCertificate()], mitelCredentials: true, updatedAt: new Date() };
      await db().insert(ssoConnections).values({ accountId: account.id, ...values }).onConflictDoUpdate({ target: ssoConnections.accountId, set: values });
    },
    async newSsoTest() {
      const id = `_${randomUUID()}`;
      const result = { ok: false, check: 'signature', detail: `probe test of ${account.id}` };
      await db().insert(samlRequests).values({ id, accountId: account.id, purpose: 'test', expiresAt: new Date(Date.now() + 600_000), consumedAt: new Date(), result });
      return id;
    },
    async setTeams({ connection = true, syncToTeams = false, syncFromTeams = false } = {}) {
      await this.setIntegration('teams');
      if (!connection) {
        await db().delete(teamsConnections).where(eq(teamsConnections.accountId, account.id));
        await db()
          .update(accountIntegrations)
          .set({ setupDone: false })
          .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, 'teams')));
        return;
      }
      const ms = microsoft();
      const now = new Date();
      const values = {
        name: 'Probe Teams',
        tenantId: ms.tenantId,
        clientId: ms.clientId,
        clientSecret: sealSecret(ms.clientSecret),
        secretSetAt: now,
        syncToTeams,
        syncFromTeams,
        subscribingUntil: null,
        backoffUntil: null,
        backoffReason: null,
        updatedAt: now,
      };
      await db().insert(teamsConnections).values({ accountId: account.id, ...values }).onConflictDoUpdate({ target: teamsConnections.accountId, set: values });
    },
    async newTeamsUser({ pbx = false } = {}) {
      const user = await this.newUser();
      const azure = microsoft().newAzureUser(user.email);
      await db().insert(teamsPresenceUsers).values({ accountId: account.id, userId: user.id, match: 'matched', graphUserId: azure.id, graphUpn: azure.upn, presence: 'Available', decidedBy: 'line' });
      if (pbx) {
        const pbxUserId = `PBX-${randomUUID()}`;
        await db().insert(pbxUsers).values({ accountId: account.id, pbxUserId, userId: user.id, email: user.email, extensions: ['2001'], cloudlinkRole: true, fingerprint: 'probe' });
        await db().insert(pbxUserStates).values({ accountId: account.id, pbxUserId, extension: '2001', lineState: 'busy', lineAt: new Date() });
      }
      return { ...user, graphUserId: azure.id };
    },
    async newMonitor({ authorized = true, subscription = false } = {}) {
      const ms = microsoft();
      const azure = ms.newAzureUser();
      const now = new Date();
      const token = authorized
        ? await graph.monitorSignIn({ tenantId: ms.tenantId, clientId: ms.clientId, clientSecret: ms.clientSecret, username: azure.upn, password: azure.password, scopes: MONITOR_SCOPES })
        : null;
      const [monitor] = await db()
        .insert(presenceMonitors)
        .values({
          accountId: account.id,
          upn: azure.upn,
          clientSecret: sealSecret(ms.clientSecret),
          secretSetAt: now,
          status: token ? 'authorized' : 'notAuthorized',
          statusReason: token ? null : 'awaitingAdmin',
          refreshToken: token ? sealSecret(token.refreshToken) : null,
          azureUserId: token?.userId ?? null,
          tenantId: ms.tenantId,
          clientId: ms.clientId,
          authorizedAt: token ? now : null,
        })
        .returning({ id: presenceMonitors.id });
      if (subscription) {
        const { graphUserId } = await this.newTeamsUser();
        await db().insert(graphSubscriptions).values({ id: randomUUID(), accountId: account.id, monitorId: monitor!.id, graphUserIds: [graphUserId], clientStateHash: hashClientState(randomUUID()), expiresAt: new Date(Date.now() + 50 * 60_000) });
      }
      return { id: monitor!.id, upn: azure.upn };
    },
    async newSubscription() {
      const monitor = await this.newMonitor({ authorized: false });
      const { graphUserId } = await this.newTeamsUser();
      const id = randomUUID();
      const clientState = randomBytes(24).toString('base64url');
      await db().insert(graphSubscriptions).values({ id, accountId: account.id, monitorId: monitor.id, graphUserIds: [graphUserId], clientStateHash: hashClientState(clientState), expiresAt: new Date(Date.now() + 50 * 60_000) });
      return { id, clientState, graphUserId };
    },
    async setOffice365({ consent = null } = {}) {
      await this.setIntegration('office365');
      await db()
        .update(accountIntegrations)
        .set({ setupDone: false })
        .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, 'office365')));
      await db().delete(o365Consents).where(eq(o365Consents.accountId, account.id));
      if (consent) await db().insert(o365Consents).values({ accountId: account.id, state: consent, tenantId: microsoft().tenantId });
    },
    async newMonitorLink() {
      await this.setTeams();
      const ms = microsoft();
      const azure = ms.newAzureUser();
      const made = await createMonitorLink({ ctx: { actor: owner.actor }, input: { accountId: account.id, upn: azure.upn, clientSecret: ms.clientSecret } });
      return { ...made, upn: azure.upn, password: azure.password };
    },
    async newConsentLink() {
      await this.setOffice365();
      return createConsentLink({ ctx: { actor: owner.actor }, input: { accountId: account.id } });
    },
    async newNotification(titleKey = 'notifications.demoSeeded') {
      const [note] = await db()
        .insert(notifications)
        .values({ userId: owner.actor.userId!, accountId: account.id, status: 'success', titleKey, params: { accounts: 2, count: 1 } })
        .returning({ id: notifications.id });
      return note!.id;
    },
  };
}

/** A fresh customer account of the organisation, for partner-level calls that change or remove it. */
export async function freshAccount(partnerOrgId: string): Promise<{ id: string; partnerOrgId: string }> {
  const [account] = await db()
    .insert(accounts)
    .values({ partnerOrgId, name: `Probe ${randomUUID()}`, country: 'NL' })
    .returning({ id: accounts.id, partnerOrgId: accounts.partnerOrgId });
  return account!;
}

/** The Graph emulator the suite points the portal at (TEAMS, O365-1): one tenant with the account's consented Teams app, and the portal's Office 365 app. */
export interface Microsoft {
  emulator: StartedGraphEmulator;
  tenantId: string;
  /** The Teams app registration of the tenant (TEAMS-1), consented, with every permission the presence sync and the monitors need. */
  clientId: string;
  clientSecret: string;
  /** A fresh user of the tenant with a password; `upn` when given (a CloudLink user's e-mail, so the two match). */
  newAzureUser(upn?: string): { id: string; upn: string; password: string };
  /**
   * Follows a sign-in link at the emulator as a browser would (an authorization-code or admin-consent
   * link): signs in, accepts the consent prompt when there is one, and answers where Microsoft sends
   * the browser back (the portal's redirect URI with its query).
   */
  signInAt(link: string, username: string, password: string): Promise<URL>;
}

let started: { ms: Microsoft; caDir: string } | undefined;

/** Starts the emulator and points the adapter at it through the environment (lib/adapters/graph reads GRAPH_* when it next connects). */
export async function startMicrosoft(): Promise<Microsoft> {
  const emulator = await startGraphEmulator();
  const caDir = mkdtempSync(path.join(tmpdir(), 'authz-graph-'));
  const caFile = path.join(caDir, 'ca.pem');
  writeFileSync(caFile, emulator.ca);
  Object.assign(process.env, { GRAPH_URL: emulator.url, GRAPH_LOGIN_URL: emulator.url, GRAPH_CA_FILE: caFile });
  await resetGraphConfig();
  const c = emulator.control;
  const { tenantId } = c.createTenant({ domain: 'contoso-authz.example', displayName: 'Contoso (authz)' });
  const app = c.createApp(tenantId, {
    displayName: 'CloudLink presence (authz)',
    permissions: { application: ['Presence.ReadWrite.All', 'Presence.Read.All', 'User.Read.All', 'Application.Read.All'], delegated: [...MONITOR_SCOPES] },
    consented: true,
    redirectUris: [monitorRedirectUri()],
  });
  // The portal's multi-tenant Office 365 app lives in its publisher's tenant; the customer's admin consents to it (O365-1).
  const { tenantId: publisher } = c.createTenant({ domain: 'publisher-authz.example' });
  c.createApp(publisher, {
    appId: O365_APP.clientId,
    displayName: 'Partner portal (authz)',
    multiTenant: true,
    permissions: { application: ['User.Read.All'], delegated: ['User.Read'] },
    redirectUris: [consentRedirectUri()],
    secrets: [{ value: O365_APP.clientSecret }],
  });
  const agent = new Agent({ connect: { ca: emulator.ca } });
  const newAzureUser = (upn = `azure-${randomUUID()}@contoso-authz.example`) => {
    const password = `Pw-${randomUUID()}`;
    const [user] = c.createUsers(tenantId, { users: [{ userPrincipalName: upn, password, isAdmin: true }] }).users;
    return { id: user!.id, upn, password };
  };
  const post = async (at: URL, form: URLSearchParams) => {
    const res = await fetch(new URL(at.pathname, at), { method: 'POST', dispatcher: agent, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, at) : null, html: await res.text() };
  };
  const signInAt = async (link: string, username: string, password: string) => {
    const at = new URL(link);
    const signedIn = await post(at, new URLSearchParams([...at.searchParams, ['username', username], ['password', password]]));
    if (signedIn.location) return signedIn.location;
    const flow = /name="flow" value="([^"]+)"/.exec(signedIn.html)?.[1];
    if (!flow) throw new Error(`the emulator did not sign ${username} in at ${at.pathname}: ${signedIn.status} ${signedIn.html.slice(0, 300)}`);
    const accepted = await post(at, new URLSearchParams({ flow, action: 'accept' }));
    if (!accepted.location) throw new Error(`the emulator did not take the consent: ${accepted.status}`);
    return accepted.location;
  };
  const ms: Microsoft = { emulator, tenantId, clientId: app.appId, clientSecret: app.secrets[0]!.value, newAzureUser, signInAt };
  started = { ms, caDir };
  return ms;
}

export function microsoft(): Microsoft {
  if (!started) throw new Error('the Graph emulator is not started: call startMicrosoft() first');
  return started.ms;
}

export async function stopMicrosoft(): Promise<void> {
  if (!started) return;
  const { ms, caDir } = started;
  started = undefined;
  await resetGraphConfig();
  await ms.emulator.close();
  rmSync(caDir, { recursive: true, force: true });
}
