import 'server-only';
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { accountIntegrations, accountPrivileges, accounts, partnerOrgs, roles, users, type Account, type NewUser } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { systemActor } from '@/lib/auth/system-actor';
import { recordEvent } from '@/lib/events/record-event';
import { insertAccountDefaults, newIntegrationRow } from '@/lib/integrations/account-defaults';
import { integrationDefinition, type IntegrationId } from '@/lib/integrations/catalogue';
import { NO_PRIVILEGES } from '@/lib/integrations/privileges';
import { defaultSettings } from '@/lib/integrations/settings';
import { notify } from '@/lib/notifications/notifications';
import { sendWelcomeMail } from '@/lib/users/send-welcome';

export interface DemoCredential {
  role: string;
  email: string;
  password: string;
}

interface DemoUser {
  first: string;
  last: string;
  email: string;
  role: 'admin' | 'user';
  registered: boolean;
}

/** Integrations beyond the defaults, to show the panel's states: a gateway waiting for its appliance, Voice Assist set up, and a Mitel One one version behind (INT-4). */
interface DemoIntegration {
  id: IntegrationId;
  version?: number;
  setupDone?: boolean;
  settings?: Record<string, unknown>;
}

const DEMO_ACCOUNTS: { name: string; country: string; city: string; language: string; users: DemoUser[]; integrations?: DemoIntegration[] }[] = [
  {
    name: 'Contoso Ltd',
    country: 'GB',
    city: 'London',
    language: 'en',
    users: [
      { first: 'Alice', last: 'Admin', email: 'alice.admin@contoso.example', role: 'admin', registered: true },
      { first: 'Uma', last: 'User', email: 'uma.user@contoso.example', role: 'user', registered: true },
      { first: 'Victor', last: 'Vance', email: 'victor.vance@contoso.example', role: 'user', registered: false },
      { first: 'Wendy', last: 'Wu', email: 'wendy.wu@contoso.example', role: 'user', registered: false },
    ],
  },
  {
    name: 'Fabrikam BV',
    country: 'NL',
    city: 'Utrecht',
    language: 'nl',
    users: [
      { first: 'Bram', last: 'Beheerder', email: 'bram.beheerder@fabrikam.example', role: 'admin', registered: true },
      { first: 'Sanne', last: 'de Vries', email: 'sanne.devries@fabrikam.example', role: 'user', registered: true },
      { first: 'Daan', last: 'Jansen', email: 'daan.jansen@fabrikam.example', role: 'user', registered: false },
    ],
    integrations: [
      { id: 'cloudlinkGateway' },
      { id: 'mitelOne', version: 1, settings: defaultSettings('mitelOne', 1) as unknown as Record<string, unknown> },
      { id: 'voiceAssist', setupDone: true, settings: { pilotNumber: '+31302001000', timeZone: 'Europe/Amsterdam', recipe: 'businessHours' } },
    ],
  },
];

/**
 * First start only: a partner organisation with a partner admin and two customer accounts with
 * admins and users. Returns the sign-in credentials to print once, or null when data exists.
 * Unregistered demo users get real welcome mails.
 */
export async function seedDemo(database: Db, password = randomBytes(9).toString('base64url')): Promise<DemoCredential[] | null> {
  return database.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(partnerOrgs);
    if ((existing?.n ?? 0) > 0) return null;
    const passwordHash = await hashPassword(password);
    const roleIds = Object.fromEntries((await tx.select({ id: roles.id, key: roles.key }).from(roles)).map((r) => [r.key, r.id]));

    const [org] = await tx.insert(partnerOrgs).values({ name: 'Northwind Communications' }).returning();
    const ctx = { actor: systemActor({ partnerOrgId: org!.id }), tx };
    const partner = await createUser(tx, ctx, {
      partnerOrgId: org!.id,
      email: 'partner@northwind.example',
      firstName: 'Pat',
      lastName: 'Partner',
      displayName: 'Pat Partner',
      roleId: roleIds.partner!,
      passwordHash,
      registeredAt: new Date(),
    });
    const credentials: DemoCredential[] = [{ role: 'Partner admin', email: partner.email, password }];
    // Further partner admins of the organisation, for account managers (MGR-1..5).
    for (const [first, last] of [['Sam', 'Sales'], ['Rita', 'Reseller']] as const) {
      const colleague = await createUser(tx, ctx, {
        partnerOrgId: org!.id,
        email: `${first.toLowerCase()}.${last.toLowerCase()}@northwind.example`,
        firstName: first,
        lastName: last,
        displayName: `${first} ${last}`,
        roleId: roleIds.partner!,
        passwordHash,
        registeredAt: new Date(),
      });
      credentials.push({ role: 'Partner admin', email: colleague.email, password });
    }

    for (const a of DEMO_ACCOUNTS) {
      const [account] = await tx
        .insert(accounts)
        .values({ partnerOrgId: org!.id, name: a.name, country: a.country, city: a.city, defaultLanguage: a.language, cloudLocation: 'eu' })
        .returning();
      await recordEvent(tx, ctx, { action: 'Create', asset: 'Account', assetId: account!.id, accountId: account!.id, after: { name: a.name } });
      await insertAccountDefaults(tx, account!.id);
      if (a.integrations) await addDemoIntegrations(tx, ctx, account!, a.integrations);
      for (const u of a.users) {
        const user = await createUser(tx, ctx, {
          partnerOrgId: org!.id,
          accountId: account!.id,
          email: u.email,
          firstName: u.first,
          lastName: u.last,
          displayName: `${u.first} ${u.last}`,
          roleId: roleIds[u.role]!,
          passwordHash: u.registered ? passwordHash : null,
          registeredAt: u.registered ? new Date() : null,
        });
        if (u.registered) credentials.push({ role: `${u.role === 'admin' ? 'Account admin' : 'User'} of ${a.name}`, email: u.email, password });
        if (!u.registered) await sendWelcomeMail(tx, user.id);
      }
    }
    await notify(tx, { userId: partner.id, status: 'success', titleKey: 'notifications.demoSeeded', params: { accounts: DEMO_ACCOUNTS.length } });
    return credentials;
  });
}

async function addDemoIntegrations(tx: Tx, ctx: Parameters<typeof recordEvent>[1], account: Account, list: DemoIntegration[]) {
  const rows = list.map((i) => ({ ...newIntegrationRow(account.id, i.id), ...(i.version ? { version: i.version } : {}), ...(i.setupDone ? { setupDone: true } : {}), ...(i.settings ? { settings: i.settings } : {}) }));
  await tx.insert(accountIntegrations).values(rows);
  const privileges = { ...NO_PRIVILEGES };
  for (const i of list) for (const p of integrationDefinition(i.id).privileges) privileges[p] = true;
  await tx.update(accountPrivileges).set(privileges).where(eq(accountPrivileges.accountId, account.id));
  for (const r of rows) {
    await recordEvent(tx, ctx, { action: 'Create', asset: 'Integration', assetId: `${account.id}:${r.integrationId}`, accountId: account.id, after: { integrationId: r.integrationId, version: r.version } });
  }
}

async function createUser(tx: Tx, ctx: Parameters<typeof recordEvent>[1], values: NewUser) {
  const [user] = await tx.insert(users).values(values).returning();
  await recordEvent(tx, ctx, {
    action: 'Create',
    asset: 'User',
    assetId: user!.id,
    accountId: user!.accountId,
    after: { email: user!.email, roleId: user!.roleId },
  });
  return user!;
}
