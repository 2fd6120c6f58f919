import { and, count, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, events, roles, rolePermissions, supportContacts, users, type EventRow } from '@/db/schema';
import type { Permission } from '@/lib/authz/types';
import { baseRoleId, userByEmail } from '../helpers';

/** Shared fixtures of the accounts command tests (not a test file itself). */
export const VALID_ACCOUNT = {
  name: 'Tailspin Toys',
  country: 'DE',
  province: 'Bayern',
  address: 'Hauptstraße 1',
  city: 'München',
  postalCode: '80331',
  defaultLanguage: 'de',
  supportContacts: ['helpdesk@tailspin.example'],
} as const;

export async function accountCount(): Promise<number> {
  const [row] = await db().select({ n: count() }).from(accounts);
  return row?.n ?? 0;
}

export async function eventCount(): Promise<number> {
  const [row] = await db().select({ n: count() }).from(events);
  return row?.n ?? 0;
}

export async function supportContactCount(accountId: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(supportContacts).where(eq(supportContacts.accountId, accountId));
  return row?.n ?? 0;
}

/** The newest audit event about an asset. */
export async function lastEventFor(assetId: string): Promise<EventRow | undefined> {
  const [row] = await db().select().from(events).where(eq(events.assetId, assetId)).orderBy(desc(events.seq)).limit(1);
  return row;
}

export async function eventsFor(assetId: string, action: 'Create' | 'Edit' | 'Delete'): Promise<EventRow[]> {
  return db().select().from(events).where(and(eq(events.assetId, assetId), eq(events.action, action))).orderBy(desc(events.seq));
}

/** A registered account user of `accountId` with a custom admin-based role holding only `permissions`. */
export async function customAdmin(accountId: string, email: string, permissions: Permission[]): Promise<string> {
  const partner = await userByEmail('partner@northwind.example');
  const [role] = await db()
    .insert(roles)
    .values({ partnerOrgId: partner.partnerOrgId, baseRole: 'admin', name: `Limited ${email}` })
    .returning();
  if (permissions.length) await db().insert(rolePermissions).values(permissions.map((permission) => ({ roleId: role!.id, permission })));
  await db().insert(users).values({ partnerOrgId: partner.partnerOrgId, accountId, email, displayName: 'Lena Limited', roleId: role!.id, registeredAt: new Date() });
  return email;
}

/** A second partner user of the demo organisation, to pick as a support contact. */
export async function secondPartnerUser(email = 'sam.support@northwind.example', displayName = 'Sam Support'): Promise<string> {
  const partner = await userByEmail('partner@northwind.example');
  await db().insert(users).values({ partnerOrgId: partner.partnerOrgId, email, displayName, roleId: await baseRoleId('partner'), registeredAt: new Date() });
  return email;
}
