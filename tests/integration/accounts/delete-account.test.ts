import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, authTokens, events, mailOutbox, notifications, userExtensions, users, type Account } from '@/db/schema';
import { createAccount } from '@/lib/accounts/create-account';
import { deleteAccount } from '@/lib/accounts/delete-account';
import { listAccountsInScope } from '@/lib/accounts/list-accounts';
import { getAccountInScope } from '@/lib/accounts/scope';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import { hashPassword } from '@/lib/auth/password';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { boss } from '@/lib/jobs/boss';
import { ACCOUNT_DELETE_BATCH, runAccountDelete } from '@/lib/jobs/handlers/account-delete';
import { DEMO_PASSWORD, EMAIL, accountByName, actorFor, baseRoleId, createOtherPartner, seed, userByEmail } from '../helpers';
import { VALID_ACCOUNT, eventCount, eventsFor, supportContactCount } from './fixtures';

let contoso: Account;
let globex: Account;
let otherPartnerEmail: string;
let doomed: Account;
const DOOMED_ADMIN = 'dora.doomed@doomed.example';
const BULK_USERS = ACCOUNT_DELETE_BATCH * 2 + 500;

beforeAll(async () => {
  await seed();
  // Creates the queue's tables, so "nothing was enqueued" can be asserted before the first job.
  await boss();
  contoso = await accountByName('Contoso Ltd');
  const other = await createOtherPartner();
  globex = other.account;
  otherPartnerEmail = other.partnerEmail;

  const { id } = await createAccount({ ctx: { actor: await actorFor(EMAIL.partner) }, input: { ...VALID_ACCOUNT, name: 'Doomed Inc' } });
  doomed = (await db().select().from(accounts).where(eq(accounts.id, id)))[0]!;
  const partner = await userByEmail(EMAIL.partner);
  const [admin] = await db()
    .insert(users)
    .values({
      partnerOrgId: partner.partnerOrgId,
      accountId: id,
      email: DOOMED_ADMIN,
      displayName: 'Dora Doomed',
      roleId: await baseRoleId('admin'),
      passwordHash: await hashPassword(DEMO_PASSWORD),
      registeredAt: new Date(),
    })
    .returning();
  const userRole = await baseRoleId('user');
  const bulk = Array.from({ length: BULK_USERS }, (_, i) => ({ partnerOrgId: partner.partnerOrgId, accountId: id, email: `u${i}@doomed.example`, displayName: `User ${i}`, roleId: userRole }));
  for (let i = 0; i < bulk.length; i += 1000) await db().insert(users).values(bulk.slice(i, i + 1000));
  await db().insert(userExtensions).values({ accountId: id, extension: '1001', userId: admin!.id });
  await db().insert(authTokens).values({ userId: admin!.id, purpose: 'reset', tokenHash: 'doomed-token', expiresAt: new Date(Date.now() + 60_000) });
  await db().insert(notifications).values({ userId: admin!.id, accountId: id, titleKey: 'notifications.demoSeeded' });
  await db().insert(mailOutbox).values({ accountId: id, template: 'welcome', locale: 'en', toAddress: 'u1@doomed.example', subject: 's', text: 't', html: 'h' });
});

const remove = async (email: string, accountId: string) => deleteAccount({ ctx: { actor: await actorFor(email) }, input: { accountId } });

async function queuedDeletes(): Promise<{ accountId: string; actorUserId: string | null; notificationId: string | null }[]> {
  const rows = await db().execute<{ data: { accountId: string; actorUserId: string | null; notificationId: string | null } }>(
    sql`select data from pgboss.job where name = 'account-delete' order by created_on`,
  );
  return rows.map((r) => r.data);
}

async function usersOf(accountId: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(users).where(eq(users.accountId, accountId));
  return row?.n ?? 0;
}

describe('deleteAccount (ACC-5)', () => {
  it('refuses account admins (Forbidden) and answers NotFound across partner organisations, writing nothing', async () => {
    const before = await eventCount();
    await expect(remove(EMAIL.alice, contoso.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(remove(EMAIL.partner, globex.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(remove(otherPartnerEmail, doomed.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteAccount({ ctx: { actor: await actorFor(EMAIL.partner) }, input: {} })).rejects.toBeInstanceOf(ValidationError);
    expect(await eventCount()).toBe(before);
    expect((await accountByName('Contoso Ltd')).status).toBe('active');
    expect(await queuedDeletes()).toEqual([]);
  });

  it('marks the account deleting: it leaves every list and its users are locked out at once', async () => {
    const partner = await actorFor(EMAIL.partner);
    const dora = await userByEmail(DOOMED_ADMIN);
    expect(await loadSignedInUser(db(), dora.id, dora.sessionVersion)).not.toBeNull();

    const { notificationId } = await remove(EMAIL.partner, doomed.id);

    expect((await db().select().from(accounts).where(eq(accounts.id, doomed.id)))[0]?.status).toBe('deleting');
    await expect(getAccountInScope(db(), partner, doomed.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listAccountsInScope(db(), partner)).map((a) => a.name)).not.toContain('Doomed Inc');
    expect(await loadSignedInUser(db(), dora.id, dora.sessionVersion)).toBeNull();
    expect(await verifyCredentials({ email: DOOMED_ADMIN, password: DEMO_PASSWORD }, 'ip-doomed')).toEqual({ ok: false, reason: 'deactivated' });

    const [event] = await eventsFor(doomed.id, 'Delete');
    expect(event).toMatchObject({ asset: 'Account', accountId: doomed.id, actorName: 'Pat Partner' });
    expect(event?.coreDetails).toMatchObject({ before: { name: 'Doomed Inc', status: 'active' } });

    const [note] = await db().select().from(notifications).where(eq(notifications.id, notificationId!));
    expect(note).toMatchObject({ userId: partner.userId, accountId: null, status: 'running', progress: 0, titleKey: 'accounts.deleteJob.running', params: { name: 'Doomed Inc' } });
    expect(await queuedDeletes()).toEqual([{ accountId: doomed.id, actorUserId: partner.userId, notificationId }]);
  });

  it('cannot be deleted twice', async () => {
    await expect(remove(EMAIL.partner, doomed.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await queuedDeletes()).toHaveLength(1);
  });

  it('the job removes users, contacts and the account in batches, keeps the audit trail, and finishes the notification', async () => {
    const [job] = await queuedDeletes();
    expect(await usersOf(doomed.id)).toBe(BULK_USERS + 1);
    expect(await supportContactCount(doomed.id)).toBe(1);

    await runAccountDelete(job!);

    expect(await usersOf(doomed.id)).toBe(0);
    expect(await supportContactCount(doomed.id)).toBe(0);
    expect(await db().select().from(accounts).where(eq(accounts.id, doomed.id))).toEqual([]);
    expect(await db().select().from(userExtensions).where(eq(userExtensions.accountId, doomed.id))).toEqual([]);
    expect(await db().select().from(authTokens).where(eq(authTokens.tokenHash, 'doomed-token'))).toEqual([]);
    expect(await db().select().from(mailOutbox).where(eq(mailOutbox.accountId, doomed.id))).toEqual([]);
    expect((await db().select().from(events).where(eq(events.assetId, doomed.id))).map((e) => e.action).sort()).toEqual(['Create', 'Delete']);

    const [note] = await db().select().from(notifications).where(eq(notifications.id, job!.notificationId!));
    expect(note).toMatchObject({ status: 'success', progress: 100, titleKey: 'accounts.deleteJob.done', params: { name: 'Doomed Inc' } });
    // Other accounts are untouched.
    expect(await usersOf(contoso.id)).toBe(4);
  });

  it('is idempotent: a retry after success changes nothing and still reports success', async () => {
    const [job] = await queuedDeletes();
    await runAccountDelete(job!);
    const [note] = await db().select().from(notifications).where(eq(notifications.id, job!.notificationId!));
    expect(note).toMatchObject({ status: 'success', titleKey: 'accounts.deleteJob.done', params: { name: 'Doomed Inc' } });
  });

  it('never empties an account that was not marked for deletion, and tells the requester', async () => {
    const partner = await userByEmail(EMAIL.partner);
    const [note] = await db().insert(notifications).values({ userId: partner.id, status: 'running', titleKey: 'accounts.deleteJob.running', params: { name: 'Contoso Ltd' } }).returning();
    await expect(runAccountDelete({ accountId: contoso.id, actorUserId: partner.id, notificationId: note!.id })).rejects.toThrow(/not marked for deletion/);
    expect(await usersOf(contoso.id)).toBe(4);
    expect((await accountByName('Contoso Ltd')).status).toBe('active');
    const [after] = await db().select().from(notifications).where(eq(notifications.id, note!.id));
    expect(after).toMatchObject({ status: 'error', titleKey: 'accounts.deleteJob.failed', params: { name: 'Contoso Ltd' } });
    expect(after?.details).toMatch(/not marked for deletion/);
  });
});
