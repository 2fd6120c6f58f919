import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, mailOutbox, partnerOrgs, roles, users, type Account, type MailRow, type User } from '@/db/schema';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import type { Actor } from '@/lib/authz/types';
import { seedDemo } from '@/lib/seed/demo';

/** Shared fixtures for integration tests (not a test file itself). */
export const DEMO_PASSWORD = 'demo-pass-123';

export const EMAIL = {
  partner: 'partner@northwind.example',
  sam: 'sam.sales@northwind.example',
  rita: 'rita.reseller@northwind.example',
  alice: 'alice.admin@contoso.example',
  uma: 'uma.user@contoso.example',
  victor: 'victor.vance@contoso.example',
  wendy: 'wendy.wu@contoso.example',
  bram: 'bram.beheerder@fabrikam.example',
  sanne: 'sanne.devries@fabrikam.example',
  daan: 'daan.jansen@fabrikam.example',
} as const;

export async function seed(): Promise<void> {
  await seedDemo(db(), DEMO_PASSWORD);
}

export async function userByEmail(email: string): Promise<User> {
  const [user] = await db().select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

export async function accountByName(name: string): Promise<Account> {
  const [account] = await db().select().from(accounts).where(eq(accounts.name, name)).limit(1);
  if (!account) throw new Error(`no account ${name}`);
  return account;
}

export async function baseRoleId(key: 'partner' | 'admin' | 'user'): Promise<string> {
  const [role] = await db().select({ id: roles.id }).from(roles).where(eq(roles.key, key)).limit(1);
  if (!role) throw new Error(`no role ${key}`);
  return role.id;
}

/** The actor the app builds for a signed-in user with the user's current session version. */
export async function actorFor(email: string): Promise<Actor> {
  const user = await userByEmail(email);
  const signedIn = await loadSignedInUser(db(), user.id, user.sessionVersion);
  if (!signedIn) throw new Error(`${email} cannot sign in`);
  return signedIn.actor;
}

export async function latestMail(to: string, template: 'welcome' | 'reset'): Promise<MailRow | undefined> {
  const [mail] = await db()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, to), eq(mailOutbox.template, template)))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return mail;
}

/** The raw token of the link in a mail's text, as the recipient would click it. */
export function tokenFromMail(mail: Pick<MailRow, 'text'> | undefined, path: 'welcome' | 'reset-password'): string {
  const match = mail?.text.match(new RegExp(`/${path}/([A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`no /${path}/ link in mail`);
  return match[1];
}

/** A second, unrelated partner organisation with one customer account and a partner admin. */
export async function createOtherPartner(): Promise<{ orgId: string; account: Account; partnerEmail: string }> {
  const [org] = await db().insert(partnerOrgs).values({ name: 'Globex Telecom' }).returning();
  const [account] = await db()
    .insert(accounts)
    .values({ partnerOrgId: org!.id, name: 'Globex Fabrication', country: 'US', defaultLanguage: 'en' })
    .returning();
  const partnerEmail = 'partner@globex.example';
  await db()
    .insert(users)
    .values({
      partnerOrgId: org!.id,
      email: partnerEmail,
      displayName: 'Gina Globex',
      roleId: await baseRoleId('partner'),
      registeredAt: new Date(),
    });
  return { orgId: org!.id, account: account!, partnerEmail };
}

export interface Tenants {
  contoso: Account;
  fabrikam: Account;
  /** The account of a second partner organisation, for cross-partner denials. */
  globex: Account;
  otherPartnerEmail: string;
}

/** The demo data plus a second partner organisation: the common start of the accounts tests. */
export async function seedTenants(): Promise<Tenants> {
  await seed();
  const other = await createOtherPartner();
  return {
    contoso: await accountByName('Contoso Ltd'),
    fabrikam: await accountByName('Fabrikam BV'),
    globex: other.account,
    otherPartnerEmail: other.partnerEmail,
  };
}
