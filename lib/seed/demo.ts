import 'server-only';
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { accountIntegrations, accountPrivileges, accounts, orders, partnerOrgs, roles, users, type Account, type NewOrder, type NewUser } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { systemActor } from '@/lib/auth/system-actor';
import { recordEvent } from '@/lib/events/record-event';
import { insertAccountDefaults, newIntegrationRow } from '@/lib/integrations/account-defaults';
import { integrationDefinition, type IntegrationId } from '@/lib/integrations/catalogue';
import { NO_PRIVILEGES } from '@/lib/integrations/privileges';
import { defaultSettings } from '@/lib/integrations/settings';
import { notify } from '@/lib/notifications/notifications';
import { todayUtc } from '@/lib/orders/status';
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

    const [org] = await tx.insert(partnerOrgs).values({ name: 'Northwind Communications', billingAccount: '0010045678' }).returning();
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

    const created = new Map<string, Account>();
    for (const a of DEMO_ACCOUNTS) {
      const [account] = await tx
        .insert(accounts)
        .values({ partnerOrgId: org!.id, name: a.name, country: a.country, city: a.city, defaultLanguage: a.language, cloudLocation: 'eu' })
        .returning();
      await recordEvent(tx, ctx, { action: 'Create', asset: 'Account', assetId: account!.id, accountId: account!.id, after: { name: a.name } });
      created.set(a.name, account!);
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
    await addDemoOrders(tx, ctx, org!.id, created.get('Fabrikam BV')!);
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

/** `days` after (or before, when negative) the ISO date `from`. */
function shiftDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * ORD-1..3: orders as the billing system would have posted them, dated from the seed day so every
 * status shows: to assign, expiring soon, expired, perpetual, pending activation, and one already
 * on Fabrikam BV. None is on Contoso Ltd, which stays free for assignment demos and tests.
 */
async function addDemoOrders(tx: Tx, ctx: Parameters<typeof recordEvent>[1], partnerOrgId: string, fabrikam: Account) {
  const today = todayUtc();
  const term = (purchasedDaysAgo: number, months: number) => ({
    purchaseDate: shiftDays(today, -purchasedDaysAgo),
    termMonths: months,
    expiresOn: shiftDays(today, -purchasedDaysAgo + Math.round((months * 365) / 12) - 1),
  });
  const rows: Omit<NewOrder, 'partnerOrgId'>[] = [
    { sapOrderId: 'SAP-4500100101', product: 'mitelOne', level: 'premier', licenceCount: 25, ...term(20, 12), trackingNumber: 'TRK-NW-240101', resellerPo: 'NW-PO-2026-101', resellerSapId: '0010045678', customerPo: 'CUST-PO-8812' },
    { sapOrderId: 'SAP-4500100102', product: 'mitelOne', level: 'essential', licenceCount: 50, ...term(60, 12), trackingNumber: 'TRK-NW-240102', resellerPo: 'NW-PO-2026-102', resellerSapId: '0010045678' },
    {
      sapOrderId: 'SAP-4500100103',
      product: 'mitelOne',
      level: 'elite',
      licenceCount: 10,
      ...term(200, 36),
      trackingNumber: 'TRK-NW-240103',
      resellerPo: 'NW-PO-2026-088',
      resellerSapId: '0010045678',
      customerPo: 'FAB-INK-2026-014',
      accountId: fabrikam.id,
      assignedAt: new Date(),
    },
    { sapOrderId: 'SAP-4500100104', product: 'miteamMeetings', licenceCount: 100, purchaseDate: shiftDays(today, -90), perpetual: true, trackingNumber: 'TRK-NW-240104', resellerPo: 'NW-PO-2026-095', resellerSapId: '0010045678' },
    { sapOrderId: 'SAP-4500100105', product: 'miteamMeetings', licenceCount: 20, ...term(2, 12), activation: 'pending', trackingNumber: 'TRK-NW-240105', resellerPo: 'NW-PO-2026-110', resellerSapId: '0010045678' },
    { sapOrderId: 'SAP-4500100106', product: 'mitelOne', level: 'essential', licenceCount: 15, ...term(400, 12), trackingNumber: 'TRK-NW-240106', resellerPo: 'NW-PO-2025-041', resellerSapId: '0010045678', customerPo: 'CUST-PO-5120' },
    { sapOrderId: 'SAP-4500100107', product: 'mitelOne', level: 'premier', licenceCount: 30, ...term(350, 12), trackingNumber: 'TRK-NW-240107', resellerPo: 'NW-PO-2025-077', resellerSapId: '0010045678' },
    { sapOrderId: 'SAP-4500100108', product: 'miteamMeetings', licenceCount: 40, ...term(5, 24), trackingNumber: 'TRK-NW-240108', resellerPo: 'NW-PO-2026-115', resellerSapId: '0010045678', customerPo: 'CUST-PO-9034' },
  ];
  const inserted = await tx.insert(orders).values(rows.map((r) => ({ ...r, partnerOrgId }))).returning();
  for (const o of inserted) {
    await recordEvent(tx, ctx, { action: 'Create', asset: 'Order', assetId: o.id, accountId: o.accountId, partnerOrgId, after: { sapOrderId: o.sapOrderId, trackingNumber: o.trackingNumber } });
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
