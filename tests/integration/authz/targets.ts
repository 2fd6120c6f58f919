import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, accounts, gateways, notifications, roleAccounts, rolePermissions, roles, samlRequests, ssoConnections, userImportRows, userImports, users } from '@/db/schema';
import { applicableCells } from '@/lib/authz';
import type { SignedInUser } from '@/lib/auth/load-actor';
import { sealSecret } from '@/lib/crypto/secret-box';
import { formatLinkCode, LINK_CODE_ALPHABET } from '@/lib/gateway/link-code';
import { hashSecret, newSecret } from '@/lib/gateway/protocol/secrets';
import { integrationDefinition, type IntegrationId } from '@/lib/integrations/catalogue';
import { baseRoleId } from '../helpers';
import { PROBE_IDP, probeCertificate } from './certificate';

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
