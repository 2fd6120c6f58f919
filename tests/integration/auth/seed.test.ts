import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, events, mailOutbox, partnerOrgs, users } from '@/db/schema';
import { seedDemo } from '@/lib/seed/demo';

describe('demo seed (first start)', () => {
  it('creates a partner organisation, two accounts with admins and users, and prints credentials once', async () => {
    const creds = await seedDemo(db(), 'demo-pass-123');
    expect(creds?.map((c) => c.email)).toContain('partner@northwind.example');
    expect(creds?.every((c) => c.password === 'demo-pass-123')).toBe(true);
    const [orgs] = await db().select({ n: count() }).from(partnerOrgs);
    const [accs] = await db().select({ n: count() }).from(accounts);
    expect(orgs?.n).toBe(1);
    expect(accs?.n).toBe(2);
    const unregistered = await db().select().from(users).where(eq(users.email, 'victor.vance@contoso.example'));
    expect(unregistered[0]?.registeredAt).toBeNull();
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'victor.vance@contoso.example'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.status).toBe('captured');
    expect(mails[0]?.text).toMatch(/\/welcome\/[A-Za-z0-9_-]{40,}/);
    const [ev] = await db().select({ n: count() }).from(events);
    expect(ev?.n).toBeGreaterThan(8);
    expect(await seedDemo(db(), 'other-pass-123')).toBeNull();
  });

  it('writes Dutch welcome mails for the Dutch account', async () => {
    const [mail] = await db().select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'daan.jansen@fabrikam.example'));
    expect(mail?.locale).toBe('nl');
  });
});
