import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, accountPrivileges, monitorAuthRequests, o365ConsentRequests, orders, partnerApiKeys, teamsPresenceUsers } from '@/db/schema';
import type { ActionResult } from '@/lib/actions/run-action';
import { sealSecret } from '@/lib/crypto/secret-box';
import type { Permission } from '@/lib/authz/types';
import * as importActions from '@/app/(portal)/accounts/[accountId]/users/import/actions';
import * as userActions from '@/app/(portal)/accounts/[accountId]/users/actions';
import * as managerActions from '@/app/(portal)/account-managers/actions';
import * as accountActions from '@/app/(portal)/accounts/actions';
import * as integrationActions from '@/app/(portal)/accounts/[accountId]/integrations/actions';
import * as gatewayActions from '@/app/(portal)/accounts/[accountId]/integrations/gateway/actions';
import * as microsoftActions from '@/app/(portal)/accounts/[accountId]/integrations/microsoft-actions';
import * as roleActions from '@/app/(portal)/roles/actions';
import * as apiKeyActions from '@/app/(portal)/settings/api-keys/actions';
import * as orderActions from '@/app/(portal)/orders/actions';
import * as portalActions from '@/app/(portal)/actions';
import * as templateRoute from '@/app/api/accounts/[accountId]/users/import-template/route';
import * as errorsRoute from '@/app/api/accounts/[accountId]/users/imports/[importId]/errors/route';
import * as uploadRoute from '@/app/api/upload/user-imports/[accountId]/route';
import * as ssoTestRoute from '@/app/api/sso/[accountId]/test/route';
import * as graphNotificationsRoute from '@/app/api/graph/notifications/route';
import * as graphLifecycleRoute from '@/app/api/graph/lifecycle/route';
import * as monitorAuthRoute from '@/app/api/graph/monitor-auth/route';
import * as o365ConsentRoute from '@/app/api/o365/consent/route';
import type { Probe } from './actors';
import { PROBE_IDP, probeCertificate } from './certificate';
import { microsoft, type GatewayStep, type Target } from './targets';

/**
 * Every server action and route handler of the app, with what it needs (the authorization
 * suite, not a test file itself). The suite finds the endpoints in app/ by itself and fails for
 * one that is missing here, so a new endpoint cannot ship without declaring its guard.
 *
 * level: `account` acts in one customer account (the probes aim at another account, or at their
 * own without the permission); `partner` acts at partner level (on a fresh account of the
 * organisation); `self` touches only the caller's own things; `public` needs no session by design.
 * needs: the boxes whose absence must refuse it (the missing-box probe holds a custom role without
 * them). skip: probes that do not apply, each with its reason.
 */
export interface Endpoint {
  level: 'account' | 'partner' | 'self' | 'public';
  needs?: readonly Permission[];
  /** Every box of `needs` is required, not just one of them: the missing-box probe runs once per box. */
  needsEach?: true;
  skip?: Partial<Record<Probe, string>>;
  /** Makes what the call needs (before the suite's "nothing changed" snapshot), then returns the call. */
  call?: (t: Target) => Promise<() => Promise<unknown>>;
  /** For reads that answer every caller: true when the answer shows something it should not. */
  leaks?: (result: unknown, t: Target) => boolean;
  /** Why the endpoint is public. */
  why?: string;
  /**
   * For a public endpoint that authenticates its callers itself (by something other than a session):
   * calls made without that credential — made up, replayed, expired — each with the answer it must
   * get; the suite checks each one changes nothing.
   */
  forged?: Record<string, PublicCall>;
  /** With `forged`: the genuine call, holding the credential (the control), so the forged ones were refused for want of it and not as bad requests. It must change something. */
  genuine?: PublicCall;
}

/** A call to a public endpoint (made before the suite's snapshot, like `call`) and its answer: the status and, for a redirect, where to (path and query). */
export interface PublicCall {
  call: (t: Target) => Promise<() => Promise<Response>>;
  answer: { status: number; location?: string };
}

const url = (path: string) => `http://localhost:3000${path}`;
const params = <T extends Record<string, string>>(values: T) => ({ params: Promise.resolve(values) });
const cells = (email: string) => ({ firstName: 'Ivy', lastName: 'Import', name: '', email, role: '' });
const welcome = ['users.add', 'users.edit'] as const satisfies readonly Permission[];
/** An order of MiTeam Meetings licences assigned to the target account, so an allowed assignment fits. */
const licencePool = (t: Target) =>
  db()
    .insert(orders)
    .values({ partnerOrgId: t.partnerOrgId, accountId: t.accountId, sapOrderId: `SAP-${randomUUID()}`, product: 'miteamMeetings', licenceCount: 1000, purchaseDate: '2026-01-01', expiresOn: '2099-12-31', trackingNumber: 'TRK-AUTHZ' });
const catalogue = ['integrations.add', 'integrations.delete'] as const satisfies readonly Permission[];
const configure = ['integrations.add', 'integrations.edit'] as const satisfies readonly Permission[];
/** An account with the CloudLink Gateway integration (not yet finished) and a gateway onboarded up to `step` (GW-2). */
const withGateway = async (t: Target, step: GatewayStep = 'connected') => {
  await t.setIntegration('cloudlinkGateway');
  await db()
    .update(accountIntegrations)
    .set({ setupDone: false })
    .where(and(eq(accountIntegrations.accountId, t.accountId), eq(accountIntegrations.integrationId, 'cloudlinkGateway')));
  return t.newGateway({ step });
};
const probeSite = {
  name: 'Probe HQ',
  address: { street: 'Probe street 1', city: 'Utrecht', postalCode: '3511 AA', province: '', country: 'NL' },
  ethernet: { port1: { mode: 'static', ip: '10.0.0.2', prefixLength: 24, gateway: '10.0.0.1', dns: ['10.0.0.1'] }, port2: { mode: 'disabled' } },
};
const gatewayProtocol =
  "the CloudLink gateway protocol (docs/gateway-protocol.md), called by gateways, not people: no session by design and proxy.ts does not run for it. Every request carries the gateway's own bearer credential, or the poll token of its announcement (claim-status, announcing a known hardware id again), else a 401; a first announce only makes an unclaimed gateway, which reaches no account until an account admin claims it by its link code (tests/integration/gateway/protocol.test.ts checks the refusals)";
const orgWide = 'roles belong to the organisation, not to one account: an account manager may add or read them';
const scimProtocol =
  "the account's SCIM 2.0 service provider (SCIM-2, lib/provisioning/scim-router.ts), called by the identity provider's SCIM client, not people: no session by design (never a cookie) and proxy.ts does not run for /scim/. Every request must carry the current bearer token of this very account, whose Azure AD Sync is on, else the same 401 for a missing, made-up, old or other account's token; a deactivated account gets a 403 (tests/integration/scim/refusals.test.ts checks the refusals)";
const ssoStart = "proxy.ts lets /api/sso/ through: SAML authenticates itself at the ACS, and a redirect to the IdP signs nobody in";
const noAccount = 'parses only the pasted text and reaches no account, so there is no account to aim at';

/**
 * The allowed call must also have done its work: an `ok` answer saying it did not (a monitor left
 * "Not authorized", a verification whose Azure checks failed) fails the control.
 */
const worked =
  <T>(run: () => Promise<ActionResult<T>>, check: (data: T) => boolean) =>
  async () => {
    const result = await run();
    return result.ok && !check(result.data) ? { ok: false, status: 500, didNotWork: result.data } : result;
  };
/** Everything TEAMS-4 "Sync presence from MS Teams to CloudLink" needs besides Teams itself: a connected MiVoice Business gateway and a MiCollab the gateway knows (seed 001 5270-5285). */
const withMicollab = async (t: Target) => {
  await t.setIntegration('cloudlinkGateway');
  await t.newGateway({ step: 'connected' }); // a MiVoice Business PBX
  await t.setIntegration('micollab', { settings: { address: 'micollab.authz.example', password: { sealed: sealSecret(`pw-${randomUUID()}`), setAt: new Date().toISOString() } } });
};
const graphPost = (path: string, body: unknown) => new Request(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const presenceChange = (subscriptionId: string, clientState: string | undefined, graphUserId: string) => ({
  value: [
    {
      subscriptionId,
      ...(clientState === undefined ? {} : { clientState }),
      changeType: 'updated',
      resource: `communications/presences('${graphUserId}')`,
      resourceData: { '@odata.type': '#Microsoft.Graph.presence', id: graphUserId, availability: 'Busy', activity: 'InACall' },
      tenantId: microsoft().tenantId,
    },
  ],
});
const lifecycleEvent = (subscriptionId: string, clientState: string | undefined) => ({
  value: [{ subscriptionId, ...(clientState === undefined ? {} : { clientState }), lifecycleEvent: 'reauthorizationRequired', subscriptionExpirationDateTime: new Date(Date.now() + 600_000).toISOString(), tenantId: microsoft().tenantId }],
});
const graphWebhook = (what: string) =>
  `${what}: Microsoft Graph posts here, not people, so there is no session by design (proxy.ts lets /api/graph/ through). Each notification must name a subscription the portal holds and carry its clientState, compared by hash in constant time; an unknown subscription or a wrong or missing clientState is refused (400) and changes nothing. A validation token is echoed only while one of the portal's own subscription creations is under way (teams_connections.subscribing_until), so nobody can enrol the endpoint`;
/** Where the two Microsoft redirects land (public pages that read only `?outcome=`). */
const monitorResult = (outcome: string) => `/teams/monitor-result?outcome=${outcome}`;
const consentResult = (outcome: string) => `/o365/consent-result?outcome=${outcome}`;
const monitorAuth = (query: URLSearchParams | string) => monitorAuthRoute.GET(new Request(url(`/api/graph/monitor-auth?${query}`)));
const o365Consent = (query: URLSearchParams | string) => o365ConsentRoute.GET(new Request(url(`/api/o365/consent?${query}`)));
/** The "Copy URL" sign-in of a fresh monitor, done at the emulator as that monitor: Azure's redirect back to the portal (code and state). */
const monitorSignedIn = async (t: Target) => {
  const link = await t.newMonitorLink();
  return { ...link, back: await microsoft().signInAt(link.url, link.upn, link.password) };
};
/** The admin consent of the account's "Authorize on Azure" link, given at the emulator by an admin of the tenant: Azure's redirect back (admin_consent, tenant, state). */
const consentGiven = async (t: Target) => {
  const { url: link } = await t.newConsentLink();
  const admin = microsoft().newAzureUser();
  return microsoft().signInAt(link, admin.upn, admin.password);
};
const stateOf = (link: URL) => link.searchParams.get('state')!;

export const ENDPOINTS: Record<string, Endpoint> = {
  // Users of an account (USR-2..5).
  'app/(portal)/accounts/[accountId]/users/actions.ts#createUserAction': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => () => userActions.createUserAction(t.accountId, { firstName: 'Nia', lastName: 'New', email: `n-${randomUUID()}@authz.example`, accountAdmin: false }),
  },
  'app/(portal)/accounts/[accountId]/users/actions.ts#updateUserAction': {
    level: 'account',
    needs: ['users.edit'],
    call: async (t) => {
      const user = await t.newUser();
      return () => userActions.updateUserAction(t.accountId, user.id, { displayName: 'Tess Changed', firstName: 'Tess', lastName: 'Changed', email: user.email, mobile: '' });
    },
  },
  'app/(portal)/accounts/[accountId]/users/actions.ts#deleteUserAction': {
    level: 'account',
    needs: ['users.delete'],
    call: async (t) => {
      const made = await t.newUser();
      return () => userActions.deleteUserAction(t.accountId, made.id);
    },
  },
  'app/(portal)/accounts/[accountId]/users/actions.ts#resendWelcomeAction': {
    level: 'account',
    needs: welcome,
    call: async (t) => {
      const made = await t.newUser();
      return () => userActions.resendWelcomeAction(t.accountId, made.id);
    },
  },
  'app/(portal)/accounts/[accountId]/users/actions.ts#resetUserPasswordAction': {
    level: 'account',
    needs: ['users.edit'],
    call: async (t) => {
      const made = await t.newUser({ registered: true });
      return () => userActions.resetUserPasswordAction(t.accountId, made.id);
    },
  },
  'app/(portal)/accounts/[accountId]/users/actions.ts#requestBulkAction': {
    level: 'account',
    needs: welcome,
    call: async (t) => {
      const made = await t.newUser();
      return () => userActions.requestBulkAction(t.accountId, 'sendWelcome', [made.id]);
    },
  },
  'app/(portal)/accounts/[accountId]/users/actions.ts#bulkStatusAction': {
    level: 'self',
    call: async (t) => {
      const made = await t.newNotification();
      return () => userActions.bulkStatusAction(made);
    },
  },

  // Licences of users (ORD-5, M1-2, MTM-1): Users "Edit".
  'app/(portal)/accounts/[accountId]/users/actions.ts#applyLicencesAction': {
    level: 'account',
    needs: ['users.edit'],
    call: async (t) => {
      const user = await t.newUser();
      await t.setIntegration('miteamMeetings');
      await licencePool(t);
      return () => userActions.applyLicencesAction(t.accountId, [user.id], { product: 'miteamMeetings', assign: true });
    },
  },
  'app/(portal)/accounts/[accountId]/users/actions.ts#addUserProductAction': {
    level: 'account',
    needs: ['users.edit'],
    call: async (t) => {
      const user = await t.newUser();
      await t.setIntegration('mitelOne');
      return () => userActions.addUserProductAction(t.accountId, user.id, 'mitelOne');
    },
  },
  'app/(portal)/accounts/[accountId]/users/actions.ts#licenceOverviewAction': {
    level: 'account',
    needs: ['users.edit'],
    call: async (t) => {
      const user = await t.newUser();
      await t.setIntegration('mitelOne');
      return () => userActions.licenceOverviewAction(t.accountId, [user.id]);
    },
  },

  // Bulk import (F-IMP).
  'app/(portal)/accounts/[accountId]/users/import/actions.ts#importStatusAction': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => {
      const made = await t.newImport();
      return () => importActions.importStatusAction(t.accountId, made);
    },
  },
  'app/(portal)/accounts/[accountId]/users/import/actions.ts#editImportRowAction': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => {
      const made = await t.newImport();
      return () => importActions.editImportRowAction(t.accountId, made, 2, cells(`e-${randomUUID()}@authz.example`));
    },
  },
  'app/(portal)/accounts/[accountId]/users/import/actions.ts#deleteImportRowAction': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => {
      const made = await t.newImport();
      return () => importActions.deleteImportRowAction(t.accountId, made, 2);
    },
  },
  'app/(portal)/accounts/[accountId]/users/import/actions.ts#addImportRowAction': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => {
      const made = await t.newImport();
      return () => importActions.addImportRowAction(t.accountId, made);
    },
  },
  'app/(portal)/accounts/[accountId]/users/import/actions.ts#commitImportAction': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => {
      const made = await t.newImport();
      return () => importActions.commitImportAction(t.accountId, made);
    },
  },
  'app/(portal)/accounts/[accountId]/users/import/actions.ts#cancelImportAction': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => {
      const made = await t.newImport();
      return () => importActions.cancelImportAction(t.accountId, made);
    },
  },
  'app/(portal)/accounts/[accountId]/users/import/actions.ts#sendImportWelcomeAction': {
    level: 'account',
    needs: welcome,
    call: async (t) => {
      const made = await t.newImport({ committed: true });
      return () => importActions.sendImportWelcomeAction(t.accountId, made);
    },
  },
  'app/api/accounts/[accountId]/users/import-template/route.ts#GET': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => () => templateRoute.GET(new Request(url(`/api/accounts/${t.accountId}/users/import-template`)), params({ accountId: t.accountId })),
  },
  'app/api/accounts/[accountId]/users/imports/[importId]/errors/route.ts#GET': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => {
      const importId = await t.newImport();
      return () => errorsRoute.GET(new Request(url(`/api/accounts/${t.accountId}/users/imports/${importId}/errors`)), params({ accountId: t.accountId, importId }));
    },
  },
  'app/api/upload/user-imports/[accountId]/route.ts#POST': {
    level: 'account',
    needs: ['users.add'],
    call: async (t) => () => {
      const body = `EMAIL,NAME\r\nu-${randomUUID()}@authz.example,Una\r\n`;
      const request = new Request(url(`/api/upload/user-imports/${t.accountId}`), {
        method: 'POST',
        body,
        headers: { 'x-file-name': 'probe.csv', 'content-length': String(Buffer.byteLength(body)), origin: 'http://localhost:3000', host: 'localhost:3000' },
      });
      return uploadRoute.POST(request, params({ accountId: t.accountId }));
    },
  },

  // Customer accounts (ACC, SUP-1).
  'app/(portal)/accounts/actions.ts#createAccountAction': {
    level: 'partner',
    needs: ['account.add'],
    skip: { unassignedManager: 'an account manager is a partner admin: adding an account reaches no existing account' },
    call: async () => () => accountActions.createAccountAction({ name: `Probe ${randomUUID()}`, country: 'NL', province: '', address: '', city: '', postalCode: '', defaultLanguage: 'en', supportContacts: ['help@authz.example'] }),
  },
  'app/(portal)/accounts/actions.ts#updateAccountAction': {
    level: 'account',
    needs: ['account.edit'],
    call: async (t) => () => accountActions.updateAccountAction({ accountId: t.accountId, city: `City ${randomUUID().slice(0, 8)}` }),
  },
  'app/(portal)/accounts/actions.ts#setSupportContactsAction': {
    level: 'account',
    needs: ['account.edit'],
    call: async (t) => () => accountActions.setSupportContactsAction({ accountId: t.accountId, supportContacts: [`s-${randomUUID()}@authz.example`] }),
  },
  'app/(portal)/accounts/actions.ts#setAccountStatusAction': {
    level: 'partner',
    needs: ['account.delete'],
    call: async (t) => () => accountActions.setAccountStatusAction({ accountId: t.accountId, status: 'deactivated' }),
  },
  'app/(portal)/accounts/actions.ts#deleteAccountAction': {
    level: 'partner',
    needs: ['account.delete'],
    call: async (t) => () => accountActions.deleteAccountAction({ accountId: t.accountId }),
  },
  'app/(portal)/accounts/actions.ts#searchPartnerUsersAction': {
    level: 'partner',
    skip: {
      unassignedManager: 'an account manager is a partner admin: its colleagues are no secret to it',
      missingBox: 'a read of the own organisation; no box guards it',
    },
    call: async () => () => accountActions.searchPartnerUsersAction('northwind'),
    leaks: (result) => (result as { ok: boolean; data?: unknown[] }).data?.length !== 0,
  },

  // The shell (SHELL-3/4, AUTH-7).
  'app/(portal)/actions.ts#searchAccountsAction': {
    level: 'partner',
    skip: { missingBox: 'account.view is always on: every partner role may search its accounts' },
    call: async () => () => portalActions.searchAccountsAction('Fabrikam'),
    leaks: (result, t) => JSON.stringify(result).includes(t.accountId),
  },
  'app/(portal)/actions.ts#deleteNotificationAction': {
    level: 'self',
    call: async (t) => {
      const made = await t.newNotification();
      return () => portalActions.deleteNotificationAction(made);
    },
  },
  'app/(portal)/actions.ts#changePasswordAction': {
    level: 'self',
    skip: { otherAccountAdmin: 'changes only the caller itself; no target to aim at' },
    call: async () => () => portalActions.changePasswordAction({ current: 'demo-pass-123', password: 'probe-pass-123', confirm: 'probe-pass-123' }),
  },
  'app/(portal)/actions.ts#signOutEverywhereAction': {
    level: 'self',
    skip: { otherAccountAdmin: 'changes only the caller itself; no target to aim at' },
    call: async () => () => portalActions.signOutEverywhereAction(),
  },

  // Account managers (MGR-1..4): partner admins who are not managers themselves, with Roles "Assign".
  'app/(portal)/account-managers/actions.ts#convertToManagersAction': {
    level: 'partner',
    needs: ['roles.assign'],
    call: async (t) => {
      const admin = await t.newPartnerAdmin();
      return () => managerActions.convertToManagersAction([admin]);
    },
  },
  'app/(portal)/account-managers/actions.ts#upgradeToAdminsAction': {
    level: 'partner',
    needs: ['roles.assign'],
    call: async (t) => {
      const manager = await t.newPartnerAdmin({ manager: true });
      return () => managerActions.upgradeToAdminsAction([manager]);
    },
  },
  'app/(portal)/account-managers/actions.ts#assignAccountsAction': {
    level: 'partner',
    needs: ['roles.assign'],
    call: async (t) => {
      const manager = await t.newPartnerAdmin({ manager: true });
      return () => managerActions.assignAccountsAction([manager], [t.accountId]);
    },
  },
  'app/(portal)/account-managers/actions.ts#unassignAccountsAction': {
    level: 'partner',
    needs: ['roles.assign'],
    call: async (t) => {
      const manager = await t.newPartnerAdmin({ manager: true });
      return () => managerActions.unassignAccountsAction([manager], [t.accountId]);
    },
  },
  'app/(portal)/account-managers/actions.ts#managersJobStatusAction': {
    level: 'partner',
    needs: ['roles.assign'],
    call: async (t) => {
      const made = await t.newNotification('managers.progress.running.convert');
      return () => managerActions.managersJobStatusAction(made);
    },
  },
  'app/(portal)/account-managers/actions.ts#setPartnerUserRoleAction': {
    level: 'partner',
    needs: ['roles.assign'],
    call: async (t) => {
      const admin = await t.newPartnerAdmin();
      const roleId = await t.newRole({ base: 'partner' });
      return () => managerActions.setPartnerUserRoleAction(admin, roleId);
    },
  },

  // Integrations & Apps (INT-1..5). The catalogue needs Add and Delete; configuring Add or Edit.
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#addIntegrationAction': {
    level: 'account',
    needs: catalogue,
    call: async (t) => {
      await t.setIntegration('workgroups', { present: false });
      return () => integrationActions.addIntegrationAction(t.accountId, 'workgroups');
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#removeIntegrationAction': {
    level: 'account',
    needs: catalogue,
    call: async (t) => {
      await t.setIntegration('workgroups');
      return () => integrationActions.removeIntegrationAction(t.accountId, 'workgroups');
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#setPrivilegeAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await db().update(accountPrivileges).set({ guestAccess: false }).where(eq(accountPrivileges.accountId, t.accountId));
      return () => integrationActions.setPrivilegeAction(t.accountId, 'guestAccess', true);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#configureIntegrationAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setIntegration('micollab');
      return () => integrationActions.configureIntegrationAction(t.accountId, 'micollab', { address: 'micollab.authz.example', password: `pw-${randomUUID()}` });
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#installUpdateAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setIntegration('mitelOne', { version: 1 });
      return () => integrationActions.installUpdateAction(t.accountId, 'mitelOne');
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#integrationUpdateStatusAction': {
    level: 'account',
    needs: ['integrations.view'],
    call: async (t) => {
      const made = await t.newNotification('integrations.update.running');
      return () => integrationActions.integrationUpdateStatusAction(made);
    },
  },

  // Single sign-on and Azure AD Sync (SSO-1..3, SCIM-1): the identity integrations' dialogs, configuring like every
  // integration (Add or Edit); the account must have the integration.
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#readSsoSetupAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setSso();
      return () => integrationActions.readSsoSetupAction(t.accountId, 'singleSignOn');
    },
  },
  // Touches nothing of any account: declared at partner level, like createAccountAction (which reaches no existing
  // account either), so that the missing-box probe still runs (`self` has none).
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#previewCertificatesAction': {
    level: 'partner',
    needs: configure,
    skip: {
      otherAccountAdmin: `${noAccount}: an account admin who may configure its own account's integrations may preview certificates`,
      unassignedManager: noAccount,
    },
    call: async () => {
      const pem = await probeCertificate();
      return () => integrationActions.previewCertificatesAction(pem);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#configureSsoAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setIntegration('singleSignOn');
      const certificates = await probeCertificate();
      return () => integrationActions.configureSsoAction({ accountId: t.accountId, integrationId: 'singleSignOn', ...PROBE_IDP, certificates, mitelCredentials: true });
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#readScimSetupAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setIntegration('azureAdSync');
      return () => integrationActions.readScimSetupAction(t.accountId);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#generateScimKeysAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setIntegration('azureAdSync');
      return () => integrationActions.generateScimKeysAction(t.accountId);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/actions.ts#listScimActivityAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setIntegration('azureAdSync');
      return () => integrationActions.listScimActivityAction(t.accountId, false, null);
    },
  },
  // Beyond SSO-3 "Test connection": a round trip to the account's IdP (the control is sent there).
  'app/api/sso/[accountId]/test/route.ts#GET': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setSso();
      return () => ssoTestRoute.GET(new Request(url(`/api/sso/${t.accountId}/test`)), params({ accountId: t.accountId }));
    },
  },

  // CloudLink Gateway onboarding (GW-1..6): configuring needs Integrations Add or Edit, reading View;
  // the account must have the integration and (after the claim) a gateway at the step before.
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#claimGatewayAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      const { linkCode } = await withGateway(t, 'announced');
      return () => gatewayActions.claimGatewayAction(t.accountId, linkCode);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#configureSiteAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await withGateway(t, 'claimed');
      return () => gatewayActions.configureSiteAction(t.accountId, probeSite);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#configurePbxAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await withGateway(t, 'site');
      return () => gatewayActions.configurePbxAction(t.accountId, { type: 'mivb', address: '10.0.0.9', username: 'admin', password: `pw-${randomUUID()}` });
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#connectPbxAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await withGateway(t, 'pbx');
      return () => gatewayActions.connectPbxAction(t.accountId, 'connect');
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#setSyncScheduleAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await withGateway(t, 'connected');
      return () => gatewayActions.setSyncScheduleAction(t.accountId, 45); // a fresh gateway syncs every 20
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#sendDeploymentAction': {
    level: 'account',
    needs: welcome, // the users list's "send welcome e-mails" (requestBulkUsers)
    call: async (t) => {
      await withGateway(t, 'connected');
      await t.newUser({ pbx: true });
      return () => gatewayActions.sendDeploymentAction(t.accountId);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#finishOnboardingAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await withGateway(t, 'connected');
      return () => gatewayActions.finishOnboardingAction(t.accountId);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#gatewayWizardAction': {
    level: 'account',
    needs: ['integrations.view'],
    call: async (t) => {
      await withGateway(t, 'connected');
      return () => gatewayActions.gatewayWizardAction(t.accountId);
    },
  },
  // SUP-4 gateway support: Support View (fetching logs changes nothing on the gateway).
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#gatewaySupportAction': {
    level: 'account',
    needs: ['support.view'],
    call: async (t) => {
      await withGateway(t, 'connected');
      return () => gatewayActions.gatewaySupportAction(t.accountId, { action: 'fetchLogs', kind: 'system' });
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/gateway/actions.ts#gatewayTaskStatusAction': {
    level: 'self',
    call: async (t) => {
      const made = await t.newNotification('gateway.tasks.fetchLogs.running');
      return () => gatewayActions.gatewayTaskStatusAction(made);
    },
  },

  // Microsoft Teams presence and Office 365 (TEAMS-1..5, O365-1): the Microsoft integrations' dialogs, configuring like
  // every integration (Add or Edit). The Graph emulator stands in for Azure (targets.ts, startMicrosoft).
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#readTeamsSetupAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams();
      return worked(() => microsoftActions.readTeamsSetupAction(t.accountId), (d) => d.setup?.tenantId === microsoft().tenantId);
    },
  },
  // TEAMS-1 "Finish setup": the credentials are tried against Azure (the emulator) before anything is stored.
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#configureTeamsAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams({ connection: false });
      const ms = microsoft();
      return () => microsoftActions.configureTeamsAction({ accountId: t.accountId, name: 'Probe Teams', tenantId: ms.tenantId, clientId: ms.clientId, clientSecret: ms.clientSecret });
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#setTeamsSyncAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setIntegration('cloudlinkGateway');
      await t.setTeams({ syncToTeams: false });
      return worked(() => microsoftActions.setTeamsSyncAction(t.accountId, true), (d) => d.syncToTeams);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#resyncTeamsUsersAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams({ syncToTeams: true });
      return () => microsoftActions.resyncTeamsUsersAction(t.accountId);
    },
  },
  // TEAMS-5 "Start verification": asks Azure for a token and the app registration; the control must pass those checks.
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#verifyTeamsAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams();
      const passed = ['credentials', 'adminConsent', 'permissions', 'secretExpiry'];
      return worked(() => microsoftActions.verifyTeamsAction(t.accountId), (d) => passed.every((check) => d.checks.some((c) => c.check === check && c.status === 'ok')));
    },
  },
  // TEAMS-5 "Get presence": reads what Teams shows now from Graph.
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#lookupUserPresenceAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams({ syncToTeams: true });
      const user = await t.newTeamsUser({ pbx: true });
      return worked(() => microsoftActions.lookupUserPresenceAction(t.accountId, user.email), (d) => d.teams !== null && 'availability' in d.teams);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#resetPhoneStatusAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams({ syncToTeams: true });
      const user = await t.newTeamsUser({ pbx: true });
      return worked(() => microsoftActions.resetPhoneStatusAction(t.accountId, user.email), (d) => d.reset === 1);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#listPresenceHealthAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams({ syncToTeams: true });
      const user = await t.newTeamsUser();
      return worked(() => microsoftActions.listPresenceHealthAction(t.accountId, { q: user.email }), (d) => d.rows.some((r) => r.userId === user.id));
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#createConsentLinkAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setOffice365();
      return worked(() => microsoftActions.createConsentLinkAction(t.accountId), (d) => d.url.startsWith(`${microsoft().emulator.url}/`));
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#readO365ConsentAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setOffice365({ consent: 'succeeded' });
      return worked(() => microsoftActions.readO365ConsentAction(t.accountId), (d) => d.available && d.state === 'succeeded');
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#enableOffice365Action': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setOffice365({ consent: 'succeeded' });
      return () => microsoftActions.enableOffice365Action(t.accountId);
    },
  },
  // TEAMS-4 presence monitors and Teams → MiCollab.
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#setTeamsBidirectionalAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await withMicollab(t);
      await t.setTeams({ syncToTeams: true, syncFromTeams: false });
      return worked(() => microsoftActions.setTeamsBidirectionalAction(t.accountId, true), (d) => d.syncFromTeams);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#readMonitorsAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams();
      const monitor = await t.newMonitor({ authorized: false });
      return worked(() => microsoftActions.readMonitorsAction(t.accountId), (d) => d.monitors.some((m) => m.id === monitor.id));
    },
  },
  // "Authorize now": the monitor signs in at Azure (the emulator) with its own password; the control must end authorised.
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#authorizeMonitorAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams();
      const ms = microsoft();
      const azure = ms.newAzureUser();
      return worked(() => microsoftActions.authorizeMonitorAction({ accountId: t.accountId, upn: azure.upn, clientSecret: ms.clientSecret, password: azure.password }), (d) => d.authorized);
    },
  },
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#createMonitorLinkAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams();
      const ms = microsoft();
      const azure = ms.newAzureUser();
      return worked(() => microsoftActions.createMonitorLinkAction({ accountId: t.accountId, upn: azure.upn, clientSecret: ms.clientSecret }), (d) => d.url.startsWith(`${ms.emulator.url}/${ms.tenantId}/`));
    },
  },
  // "Resync status": refreshes the monitor's token at Azure; the control must find it still authorised.
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#resyncMonitorStatusAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams();
      const monitor = await t.newMonitor();
      return worked(() => microsoftActions.resyncMonitorStatusAction(t.accountId, monitor.id), (d) => d.status === 'authorized');
    },
  },
  // Ends the monitor's subscription at Graph (best effort: the emulator never made this one, so it answers 404), then the monitor goes.
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#deleteMonitorAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await t.setTeams();
      const monitor = await t.newMonitor({ subscription: true });
      return () => microsoftActions.deleteMonitorAction(t.accountId, monitor.id);
    },
  },
  // TEAMS-5 "Sync all MS Teams presence to MiCollab". The MiCollab pusher does not run here, so the account has no
  // monitored users: the command answers at once instead of waiting 20 s for pushes that never come.
  'app/(portal)/accounts/[accountId]/integrations/microsoft-actions.ts#syncAllToMicollabAction': {
    level: 'account',
    needs: configure,
    call: async (t) => {
      await withMicollab(t);
      await t.setTeams({ syncToTeams: true, syncFromTeams: true });
      await db().delete(teamsPresenceUsers).where(eq(teamsPresenceUsers.accountId, t.accountId));
      return () => microsoftActions.syncAllToMicollabAction(t.accountId);
    },
  },

  // Orders (ORD-1..3): partner level, Orders "View"; the account must be in the caller's scope.
  'app/(portal)/orders/actions.ts#assignOrderAction': {
    level: 'partner',
    needs: ['orders.view'],
    call: async (t) => {
      const [order] = await db()
        .insert(orders)
        .values({ partnerOrgId: t.partnerOrgId, sapOrderId: `SAP-${randomUUID()}`, product: 'miteamMeetings', licenceCount: 5, purchaseDate: '2026-01-01', expiresOn: '2099-12-31', trackingNumber: 'TRK-AUTHZ' })
        .returning({ id: orders.id });
      return () => orderActions.assignOrderAction({ orderId: order!.id, accountId: t.accountId });
    },
  },
  'app/(portal)/orders/actions.ts#searchOrderAccountsAction': {
    level: 'partner',
    needs: ['orders.view'],
    skip: { unassignedManager: 'lists only the accounts in the caller\'s scope (orders-page.test.ts checks the rows)' },
    call: async () => () => orderActions.searchOrderAccountsAction('Probe'),
  },

  // The billing system's API keys (ORD-1): partner admins of the whole organisation with Orders "View".
  'app/(portal)/settings/api-keys/actions.ts#createApiKeyAction': {
    level: 'partner',
    needs: ['orders.view'],
    call: async () => () => apiKeyActions.createApiKeyAction(`Probe ${randomUUID()}`),
  },
  'app/(portal)/settings/api-keys/actions.ts#revokeApiKeyAction': {
    level: 'partner',
    needs: ['orders.view'],
    call: async (t) => {
      const [key] = await db()
        .insert(partnerApiKeys)
        .values({ partnerOrgId: t.partnerOrgId, name: 'Probe', prefix: 'mab_probe', secretHash: randomUUID() })
        .returning({ id: partnerApiKeys.id });
      return () => apiKeyActions.revokeApiKeyAction(key!.id);
    },
  },

  // Custom roles (ROLE-2..5): partner level.
  'app/(portal)/roles/actions.ts#createRoleAction': {
    level: 'partner',
    needs: ['roles.add'],
    skip: { unassignedManager: orgWide },
    call: async () => () => roleActions.createRoleAction({ name: `Probe ${randomUUID()}`, description: '', baseRole: 'admin', permissions: ['users.view'] }),
  },
  'app/(portal)/roles/actions.ts#updateRoleAction': {
    level: 'partner',
    needs: ['roles.edit'],
    call: async (t) => {
      const roleId = await t.newRole();
      return () => roleActions.updateRoleAction(roleId, { name: `Probe ${randomUUID()}`, description: 'changed', permissions: ['users.view'] });
    },
  },
  'app/(portal)/roles/actions.ts#deleteRoleAction': {
    level: 'partner',
    needs: ['roles.delete'],
    call: async (t) => {
      const roleId = await t.newRole();
      return () => roleActions.deleteRoleAction(roleId);
    },
  },
  'app/(portal)/roles/actions.ts#assignRoleAccountsAction': {
    level: 'partner',
    needs: ['roles.edit'],
    call: async (t) => {
      const roleId = await t.newRole({ assigned: false });
      return () => roleActions.assignRoleAccountsAction(roleId, [t.accountId]);
    },
  },
  'app/(portal)/roles/actions.ts#unassignRoleAccountsAction': {
    level: 'partner',
    needs: ['roles.edit'],
    call: async (t) => {
      const roleId = await t.newRole();
      return () => roleActions.unassignRoleAccountsAction(roleId, [t.accountId]);
    },
  },

  // Public by design.
  'app/(auth)/actions.ts#forgotPasswordAction': { level: 'public', why: 'the forgot-password form; answers the same for every address' },
  'app/(auth)/actions.ts#completeRegistrationAction': { level: 'public', why: 'the welcome link; the single-use token is the credential' },
  'app/(auth)/actions.ts#resetPasswordAction': { level: 'public', why: 'the reset link; the single-use token is the credential' },
  'app/(auth)/actions.ts#completeSsoRegistrationAction': { level: 'public', why: 'the welcome link of a user who signs in through SAML only; the single-use token is the credential' },
  'app/actions/language.ts#chooseLanguageAction': { level: 'public', why: 'the footer language picker; changes only the caller (its cookie, and its own locale when signed in)' },
  'app/api/auth/[...nextauth]/route.ts#GET': { level: 'public', why: 'next-auth: sign-in, callbacks, session' },
  'app/api/auth/[...nextauth]/route.ts#POST': { level: 'public', why: 'next-auth: sign-in, callbacks, session' },
  'app/api/billing/orders/route.ts#POST': {
    level: 'public',
    why: "the billing system's ingestion API: no session, a partner organisation's API key is the credential (tests/integration/orders/ingest.test.ts checks the 401s)",
  },
  'app/api/gateway/[version]/[...path]/route.ts#GET': { level: 'public', why: gatewayProtocol },
  'app/api/gateway/[version]/[...path]/route.ts#POST': { level: 'public', why: gatewayProtocol },
  'app/api/health/route.ts#GET': { level: 'public', why: 'load balancers and the error page: says only whether the database answers' },
  // SAML single sign-on (SSO-2, SSO-3).
  'app/api/sso/start/route.ts#GET': {
    level: 'public',
    why: `"Sign in with single sign-on" on the sign-in page, before anyone is signed in: e-mail first, then only a redirect to that account's IdP (or back to the sign-in page); ${ssoStart}`,
  },
  'app/api/sso/[accountId]/login/route.ts#GET': {
    level: 'public',
    why: `the SP-initiated sign-in of an account (the IdP's "Sign on URL"), before anyone is signed in: records an AuthnRequest and redirects to the account's IdP; ${ssoStart}`,
  },
  'app/api/sso/[accountId]/acs/route.ts#POST': {
    level: 'public',
    why: "the assertion consumer service: the IdP posts its signed assertion through the browser of someone not yet signed in (so no session and no origin check); the assertion is the credential: signature against the account's certificates, audience, recipient, destination, time, InResponseTo and one-time use (tests/integration/sso/ checks the refusals)",
  },
  'app/api/sso/[accountId]/acs/route.ts#GET': { level: 'public', why: 'a browser that lands on the ACS by GET (a bookmark, the back button) is only sent to the sign-in page' },
  'app/api/sso/[accountId]/metadata/route.ts#GET': {
    level: 'public',
    why: "the account's SP metadata (SSO-3), public by design like every SAML SP's: the entity id and ACS URL, no secret; a 404 for an account without an SSO integration",
  },

  // Microsoft Graph's webhooks and Microsoft's redirects (TEAMS-4, O365-1).
  'app/api/graph/notifications/route.ts#POST': {
    level: 'public',
    why: graphWebhook('presence change notifications of the subscriptions of presence monitors (TEAMS-4)'),
    forged: {
      'a notification for a subscription the portal does not hold': {
        call: async (t) => {
          const { graphUserId } = await t.newTeamsUser();
          return () => graphNotificationsRoute.POST(graphPost('/api/graph/notifications', presenceChange(randomUUID(), randomUUID(), graphUserId)));
        },
        answer: { status: 400 },
      },
      "a notification naming the portal's subscription with a made-up clientState": {
        call: async (t) => {
          const sub = await t.newSubscription();
          return () => graphNotificationsRoute.POST(graphPost('/api/graph/notifications', presenceChange(sub.id, `${sub.clientState}x`, sub.graphUserId)));
        },
        answer: { status: 400 },
      },
      "a notification naming the portal's subscription without a clientState": {
        call: async (t) => {
          const sub = await t.newSubscription();
          return () => graphNotificationsRoute.POST(graphPost('/api/graph/notifications', presenceChange(sub.id, undefined, sub.graphUserId)));
        },
        answer: { status: 400 },
      },
      'a validation request while no subscription of ours is being created': {
        call: async (t) => {
          await t.setTeams();
          return () => graphNotificationsRoute.POST(new Request(url('/api/graph/notifications?validationToken=Validation%3A+Testing+client+application+reachability'), { method: 'POST', headers: { 'content-type': 'text/plain' } }));
        },
        answer: { status: 400 },
      },
    },
    genuine: {
      call: async (t) => {
        const sub = await t.newSubscription();
        return () => graphNotificationsRoute.POST(graphPost('/api/graph/notifications', presenceChange(sub.id, sub.clientState, sub.graphUserId)));
      },
      answer: { status: 202 },
    },
  },
  'app/api/graph/lifecycle/route.ts#POST': {
    level: 'public',
    why: graphWebhook('lifecycle notifications of those subscriptions (reauthorizationRequired, subscriptionRemoved, missed)'),
    forged: {
      'a lifecycle event for a subscription the portal does not hold': {
        call: async () => async () => graphLifecycleRoute.POST(graphPost('/api/graph/lifecycle', lifecycleEvent(randomUUID(), randomUUID()))),
        answer: { status: 400 },
      },
      "a lifecycle event naming the portal's subscription with a made-up clientState": {
        call: async (t) => {
          const sub = await t.newSubscription();
          return () => graphLifecycleRoute.POST(graphPost('/api/graph/lifecycle', lifecycleEvent(sub.id, randomUUID())));
        },
        answer: { status: 400 },
      },
      'a validation request while no subscription of ours is being created': {
        call: async (t) => {
          await t.setTeams();
          return () => graphLifecycleRoute.POST(new Request(url('/api/graph/lifecycle?validationToken=probe'), { method: 'POST', headers: { 'content-type': 'text/plain' } }));
        },
        answer: { status: 400 },
      },
    },
    genuine: {
      call: async (t) => {
        const sub = await t.newSubscription();
        return () => graphLifecycleRoute.POST(graphPost('/api/graph/lifecycle', lifecycleEvent(sub.id, sub.clientState)));
      },
      answer: { status: 202 },
    },
  },
  'app/api/graph/monitor-auth/route.ts#GET': {
    level: 'public',
    why: "TEAMS-4 \"Copy URL\": Azure sends the browser of whoever signed in as the presence monitor back here, and that need not be anyone with a session. The single-use, hashed `state` (a day) names the account and the monitor; the code is redeemed with that monitor's own secret, and only the monitor itself signing in authorises it. An unknown, used or expired state changes nothing and lands on the result page",
    forged: {
      'a made-up state': { call: async () => async () => monitorAuth(new URLSearchParams({ code: randomUUID(), state: randomUUID() })), answer: { status: 303, location: monitorResult('invalid') } },
      'no state': { call: async () => async () => monitorAuth(new URLSearchParams({ code: randomUUID() })), answer: { status: 303, location: monitorResult('invalid') } },
      'a replayed redirect (its state already used)': {
        call: async (t) => {
          const { back } = await monitorSignedIn(t);
          await monitorAuth(back.searchParams);
          return () => monitorAuth(back.searchParams);
        },
        answer: { status: 303, location: monitorResult('invalid') },
      },
      'a redirect after the link expired': {
        call: async (t) => {
          const { back, monitorId } = await monitorSignedIn(t);
          await db().update(monitorAuthRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(monitorAuthRequests.monitorId, monitorId));
          return () => monitorAuth(back.searchParams);
        },
        answer: { status: 303, location: monitorResult('invalid') },
      },
    },
    genuine: {
      call: async (t) => {
        const { back } = await monitorSignedIn(t);
        return () => monitorAuth(back.searchParams);
      },
      answer: { status: 303, location: monitorResult('authorized') },
    },
  },
  'app/api/o365/consent/route.ts#GET': {
    level: 'public',
    why: "O365-1: Microsoft sends the Office 365 admin back here after the consent prompt, and that admin need not be a user of the portal. The single-use, hashed `state` (a day) names the account; a consent is confirmed with Azure itself (a token of the portal's app in that tenant) rather than by the redirect. An unknown, used or expired state changes nothing and lands on the result page",
    forged: {
      'a made-up state': {
        call: async () => async () => o365Consent(new URLSearchParams({ admin_consent: 'True', tenant: microsoft().tenantId, state: randomUUID() })),
        answer: { status: 303, location: consentResult('invalid') },
      },
      'no state': { call: async () => async () => o365Consent(new URLSearchParams({ admin_consent: 'True', tenant: microsoft().tenantId })), answer: { status: 303, location: consentResult('invalid') } },
      'a replayed redirect (its state already used)': {
        call: async (t) => {
          const back = await consentGiven(t);
          await o365Consent(back.searchParams);
          return () => o365Consent(back.searchParams);
        },
        answer: { status: 303, location: consentResult('invalid') },
      },
      'a redirect after the link expired': {
        call: async (t) => {
          const back = await consentGiven(t);
          await db()
            .update(o365ConsentRequests)
            .set({ expiresAt: new Date(Date.now() - 1000) })
            .where(and(eq(o365ConsentRequests.accountId, t.accountId), isNull(o365ConsentRequests.usedAt)));
          return () => o365Consent(back.searchParams);
        },
        answer: { status: 303, location: consentResult('invalid') },
      },
    },
    genuine: {
      call: async (t) => {
        const back = await consentGiven(t);
        if (!stateOf(back)) throw new Error(`the emulator sent no state back: ${back}`);
        return () => o365Consent(back.searchParams);
      },
      answer: { status: 303, location: consentResult('succeeded') },
    },
  },
  // SCIM 2.0 provisioning (SCIM-2).
  'app/scim/v2/[accountId]/[...path]/route.ts#GET': { level: 'public', why: scimProtocol },
  'app/scim/v2/[accountId]/[...path]/route.ts#POST': { level: 'public', why: scimProtocol },
  'app/scim/v2/[accountId]/[...path]/route.ts#PUT': { level: 'public', why: scimProtocol },
  'app/scim/v2/[accountId]/[...path]/route.ts#PATCH': { level: 'public', why: scimProtocol },
  'app/scim/v2/[accountId]/[...path]/route.ts#DELETE': { level: 'public', why: scimProtocol },
};
