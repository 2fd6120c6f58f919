import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, events, mailOutbox, notifications, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { runUsersBulk, USERS_BULK_BATCH } from '@/lib/jobs/handlers/users-bulk';
import type { QueuePayload } from '@/lib/jobs/queues';
import { getBulkStatus } from '@/lib/users/bulk-status';
import { requestBulkUsers } from '@/lib/users/request-bulk-users';
import { EMAIL, accountByName, actorFor, baseRoleId, seed, userByEmail } from '../helpers';
import { addUser, rejection, userById } from './fixtures';

let alice: Actor;
let partner: Actor;
let contosoId: string;
let bigId: string;
const BIG = 2 * USERS_BULK_BATCH + 30;

beforeAll(async () => {
  await seed();
  alice = await actorFor(EMAIL.alice);
  partner = await actorFor(EMAIL.partner);
  contosoId = (await accountByName('Contoso Ltd')).id;
  const [big] = await db().insert(accounts).values({ partnerOrgId: partner.partnerOrgId!, name: 'Big Bulk', country: 'DE' }).returning();
  bigId = big!.id;
  await db().execute(sql`
    insert into users (partner_org_id, account_id, email, first_name, last_name, display_name, role_id, registered_at, password_hash)
    select ${partner.partnerOrgId}, ${bigId}, 'bulk' || g || '@big.example', 'Bulk', 'User ' || g, 'Bulk User ' || g, ${await baseRoleId('user')},
      case when g % 3 = 0 then now() end, case when g % 3 = 0 then 'x' end
    from generate_series(1, ${BIG}::int) g`);
});

async function payloadOf(notificationId: string): Promise<QueuePayload<'users-bulk'>> {
  const rows = await db().execute<{ data: QueuePayload<'users-bulk'> }>(sql`select data from pgboss.job where name = 'users-bulk' and data->>'notificationId' = ${notificationId}`);
  expect(rows).toHaveLength(1);
  return rows[0]!.data;
}

const noteOf = async (id: string) => (await db().select().from(notifications).where(eq(notifications.id, id)))[0]!;
const mailsTo = async (emails: string[]) => (await db().select({ n: count() }).from(mailOutbox).where(inArray(mailOutbox.toAddress, emails)))[0]!.n;

describe('requestBulkUsers (USR-5)', () => {
  it('creates the progress notification and the job in one go', async () => {
    const wendy = await userByEmail(EMAIL.wendy);
    const uma = await userByEmail(EMAIL.uma);
    const { notificationId, total } = await requestBulkUsers({ ctx: { actor: alice }, input: { accountId: contosoId, action: 'sendWelcome', userIds: [wendy.id, uma.id, wendy.id] } });
    expect(total).toBe(2);
    expect(await noteOf(notificationId)).toMatchObject({ status: 'running', progress: 0, titleKey: 'users.bulk.running.sendWelcome', params: { count: 2 }, accountId: contosoId });
    expect((await noteOf(notificationId)).jobId).toBeTruthy();
    expect(await payloadOf(notificationId)).toMatchObject({ accountId: contosoId, action: 'sendWelcome', userIds: [wendy.id, uma.id].sort(), notificationId });
  });

  it('refuses users of another account, plain users, actions the role lacks and bad input', async () => {
    const daan = await userByEmail(EMAIL.daan);
    const wendy = await userByEmail(EMAIL.wendy);
    const fabrikamId = (await accountByName('Fabrikam BV')).id;
    const input = (changes: object) => ({ accountId: contosoId, action: 'resetPasswords', userIds: [wendy.id], ...changes });
    expect(await rejection(requestBulkUsers({ ctx: { actor: alice }, input: input({ userIds: [wendy.id, daan.id] }) }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(requestBulkUsers({ ctx: { actor: alice }, input: input({ accountId: fabrikamId, userIds: null }) }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(requestBulkUsers({ ctx: { actor: await actorFor(EMAIL.uma) }, input: input({}) }))).toBeInstanceOf(ForbiddenError);
    const noDelete: Actor = { ...alice, permissions: new Set([...alice.permissions].filter((p) => p !== 'users.delete')) };
    expect(await rejection(requestBulkUsers({ ctx: { actor: noDelete }, input: input({ action: 'deleteUsers' }) }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(requestBulkUsers({ ctx: { actor: alice }, input: input({ action: 'nuke', userIds: ['x'] }) }))).toBeInstanceOf(ValidationError);
    const [row] = await db().select({ n: count() }).from(notifications).where(eq(notifications.titleKey, 'users.bulk.running.resetPasswords'));
    expect(row!.n).toBe(0);
  });
});

describe('runUsersBulk (the users-bulk job)', () => {
  it('sends welcome mails to the selected unregistered users, skips registered ones and reports done', async () => {
    const fresh = await addUser(contosoId, { email: 'bulk.fresh@contoso.example' });
    const uma = await userByEmail(EMAIL.uma);
    const { notificationId } = await requestBulkUsers({ ctx: { actor: alice }, input: { accountId: contosoId, action: 'sendWelcome', userIds: [fresh.id, uma.id] } });
    const payload = await payloadOf(notificationId);
    await runUsersBulk(payload);
    expect(await noteOf(notificationId)).toMatchObject({ status: 'success', progress: 100, titleKey: 'users.bulk.done.sendWelcome', params: { count: 2, done: 1, skipped: 1, failed: 0 } });
    expect(await mailsTo([fresh.email])).toBe(1);
    expect(await mailsTo([uma.email])).toBe(0);
    expect(await getBulkStatus(db(), alice, notificationId)).toMatchObject({ status: 'success', progress: 100 });
    expect(await rejection(getBulkStatus(db(), partner, notificationId))).toBeInstanceOf(NotFoundError);
    // A retry of a finished job changes nothing.
    await runUsersBulk(payload);
    expect(await mailsTo([fresh.email])).toBe(1);
  });

  it('resets the passwords of all users of a large account in batches with progress, and resumes a retry where it stopped', async () => {
    const { notificationId, total } = await requestBulkUsers({ ctx: { actor: partner }, input: { accountId: bigId, action: 'resetPasswords', userIds: null } });
    expect(total).toBe(BIG);
    const ids = (await db().select({ id: users.id }).from(users).where(eq(users.accountId, bigId)).orderBy(asc(users.id))).map((r) => r.id);
    // As if an earlier attempt committed the first batch and then crashed.
    const firstBatch = ids.slice(0, USERS_BULK_BATCH);
    const registeredInFirst = (await db().select({ n: count() }).from(users).where(and(inArray(users.id, firstBatch), sql`${users.registeredAt} is not null`)))[0]!.n;
    await db()
      .update(notifications)
      .set({ params: { count: BIG, done: registeredInFirst, skipped: USERS_BULK_BATCH - registeredInFirst, failed: 0, after: firstBatch.at(-1)! }, progress: 43 })
      .where(eq(notifications.id, notificationId));

    await runUsersBulk(await payloadOf(notificationId));
    const registered = Math.floor(BIG / 3);
    expect(await noteOf(notificationId)).toMatchObject({ status: 'success', progress: 100, params: { count: BIG, done: registered, skipped: BIG - registered, failed: 0 } });
    const bigEmails = (await db().select({ email: users.email }).from(users).where(eq(users.accountId, bigId))).map((r) => r.email);
    const firstEmails = (await db().select({ email: users.email }).from(users).where(inArray(users.id, firstBatch))).map((r) => r.email);
    expect(await mailsTo(bigEmails)).toBe(registered - registeredInFirst);
    expect(await mailsTo(firstEmails)).toBe(0);
    const [audit] = await db().select({ n: count() }).from(events).where(and(eq(events.accountId, bigId), eq(events.asset, 'Password'), eq(events.actorName, 'Pat Partner')));
    expect(audit!.n).toBe(registered - registeredInFirst);
  });

  it('keeps going past a failing user, skips undeletable ones and reports the counts', async () => {
    const keep = await addUser(contosoId, { email: 'cloud.bulk@contoso.example', source: 'micloud' });
    const boom = await addUser(contosoId, { email: 'boom@contoso.example' });
    const gone = await addUser(contosoId, { email: 'gone.bulk@contoso.example' });
    const me = await userByEmail(EMAIL.alice);
    await db().execute(sql.raw(`
      create function refuse_boom() returns trigger language plpgsql as $$ begin
        if old.email = 'boom@contoso.example' then raise exception 'boom refused'; end if; return old; end $$;
      create trigger refuse_boom before delete on users for each row execute function refuse_boom();`));
    try {
      const { notificationId } = await requestBulkUsers({ ctx: { actor: alice }, input: { accountId: contosoId, action: 'deleteUsers', userIds: [keep.id, boom.id, gone.id, me.id] } });
      await runUsersBulk(await payloadOf(notificationId));
      const note = await noteOf(notificationId);
      expect(note).toMatchObject({ status: 'error', titleKey: 'users.bulk.done.deleteUsers', params: { count: 4, done: 1, skipped: 2, failed: 1 } });
      expect(note.details).toBe('boom@contoso.example: Something went wrong. Please try again.');
    } finally {
      await db().execute(sql.raw('drop trigger refuse_boom on users; drop function refuse_boom();'));
    }
    expect(await userById(gone.id)).toBeUndefined();
    for (const id of [keep.id, boom.id, me.id]) expect(await userById(id)).toBeDefined();
  });

  it('re-checks the requester: a role lost since the request stops the job before any change', async () => {
    const fresh = await addUser(contosoId, { email: 'demoted.bulk@contoso.example' });
    const admin = await addUser(contosoId, { email: 'temp.admin@contoso.example', roleId: await baseRoleId('admin'), registeredAt: new Date() });
    const tempAdmin = await actorFor(admin.email);
    const { notificationId } = await requestBulkUsers({ ctx: { actor: tempAdmin }, input: { accountId: contosoId, action: 'deleteUsers', userIds: [fresh.id] } });
    await db().update(users).set({ roleId: await baseRoleId('user') }).where(eq(users.id, admin.id));
    await runUsersBulk(await payloadOf(notificationId));
    expect(await noteOf(notificationId)).toMatchObject({ status: 'error', titleKey: 'users.bulk.failed.forbidden' });
    expect(await userById(fresh.id)).toBeDefined();
  });
});
