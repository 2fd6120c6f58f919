import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountManagerAssignments, accounts, events, users, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { MANAGERS_BULK_BATCH, runManagersBulk } from '@/lib/jobs/handlers/managers-bulk';
import { assignAccounts } from '@/lib/managers/assign-accounts';
import { convertToManagers } from '@/lib/managers/convert-to-managers';
import { actorFor, EMAIL, seed, accountByName, userByEmail } from '../helpers';
import { noteOf, payloadOf, runOperation } from './fixtures';

let partner: Actor;
let ids: { partner: string; sam: string; rita: string };
let contoso: Account;
let fabrikam: Account;
/** Enough accounts that 2 managers × them take three batches. */
const MANY = MANAGERS_BULK_BATCH + 50;
let many: string[];

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
  ids = { partner: partner.userId!, sam: (await userByEmail(EMAIL.sam)).id, rita: (await userByEmail(EMAIL.rita)).id };
  contoso = await accountByName('Contoso Ltd');
  fabrikam = await accountByName('Fabrikam BV');
  await db().execute(sql`
    insert into accounts (partner_org_id, name, country) select ${partner.partnerOrgId}, 'Bulk Account ' || g, 'NL' from generate_series(1, ${MANY}::int) g`);
  many = (await db().select({ id: accounts.id }).from(accounts).where(sql`${accounts.name} like 'Bulk Account %'`).orderBy(asc(accounts.id))).map((r) => r.id);
});

const userEvents = (assetId: string) =>
  db().select().from(events).where(and(eq(events.asset, 'User'), eq(events.action, 'Edit'), eq(events.assetId, assetId))).orderBy(asc(events.seq));
const assignmentsOf = async (userId: string) =>
  (await db().select({ id: accountManagerAssignments.accountId }).from(accountManagerAssignments).where(eq(accountManagerAssignments.userId, userId))).map((r) => r.id).sort();
const flagOf = async (id: string) => (await db().select({ m: users.isAccountManager }).from(users).where(eq(users.id, id)))[0]!.m;

describe('runManagersBulk (the managers-bulk job)', () => {
  it('converts admins with an audit event each and finishes the notification', async () => {
    const noteId = await runOperation(partner, 'convert', [ids.sam, ids.rita]);
    expect(await noteOf(noteId)).toMatchObject({ status: 'success', progress: 100, titleKey: 'managers.progress.done.convert', params: { count: 2, done: 2, skipped: 0 } });
    expect(await flagOf(ids.sam)).toBe(true);
    const [event] = await userEvents(ids.sam);
    expect(event).toMatchObject({ action: 'Edit', actorName: 'Pat Partner', accountId: null, partnerOrgId: partner.partnerOrgId, properties: ['isAccountManager'] });
    expect(event!.coreDetails).toMatchObject({ email: EMAIL.sam, before: { isAccountManager: false }, after: { isAccountManager: true } });
  });

  it('assigns in batches with progress and one audit event per new pair, and resumes a crashed run without repeating a batch', async () => {
    const { notificationId, total } = await assignAccounts({ ctx: { actor: partner }, input: { managerIds: [ids.sam, ids.rita], accountIds: many } });
    expect(total).toBe(2 * MANY);
    // The second batch fails once (as if the worker died): the first stays committed. Units run
    // manager by manager, so the last account first comes up in the second batch.
    const failing = many[MANY - 1]!;
    await db().execute(sql.raw(`
      create function refuse_pair() returns trigger language plpgsql as $$ begin
        if new.account_id = '${failing}' then raise exception 'pair refused'; end if; return new; end $$;
      create trigger refuse_pair before insert on account_manager_assignments for each row execute function refuse_pair();`));
    const payload = await payloadOf(notificationId);
    try {
      await expect(runManagersBulk(payload)).rejects.toThrow();
    } finally {
      await db().execute(sql.raw('drop trigger refuse_pair on account_manager_assignments; drop function refuse_pair();'));
    }
    const halfway = await noteOf(notificationId);
    expect(halfway).toMatchObject({ status: 'running', progress: Math.floor((MANAGERS_BULK_BATCH / total) * 100), params: { position: MANAGERS_BULK_BATCH, done: MANAGERS_BULK_BATCH } });
    const [{ n: afterCrash }] = (await db().select({ n: count() }).from(accountManagerAssignments)) as [{ n: number }];
    expect(afterCrash).toBe(MANAGERS_BULK_BATCH);

    await runManagersBulk(payload); // the retry
    await runManagersBulk(payload); // a duplicate delivery of a finished job
    expect(await noteOf(notificationId)).toMatchObject({ status: 'success', progress: 100, titleKey: 'managers.progress.done.assign', params: { count: MANY, done: 2 * MANY, skipped: 0 } });
    expect(await assignmentsOf(ids.sam)).toEqual([...many].sort());
    expect(await assignmentsOf(ids.rita)).toEqual([...many].sort());
    const assignEvents = await db()
      .select({ n: count(), distinct: sql<number>`count(distinct (${events.assetId}, ${events.coreDetails}->>'managedAccountId'))::int` })
      .from(events)
      .where(and(eq(events.asset, 'User'), sql`${events.coreDetails}->>'operation' = 'assign'`));
    expect(assignEvents[0]).toEqual({ n: 2 * MANY, distinct: 2 * MANY });
  });

  it('skips pairs that exist already and unassigns only the selected pairs', async () => {
    const again = await runOperation(partner, 'assign', [ids.sam], [many[0]!, contoso.id]);
    expect(await noteOf(again)).toMatchObject({ params: { done: 1, skipped: 1 } });
    const removed = await runOperation(partner, 'unassign', [ids.sam], [many[0]!, many[1]!, fabrikam.id]);
    expect(await noteOf(removed)).toMatchObject({ status: 'success', titleKey: 'managers.progress.done.unassign', params: { count: 3, done: 2, skipped: 1 } });
    expect(await assignmentsOf(ids.sam)).not.toContain(many[0]);
    expect(await assignmentsOf(ids.rita)).toContain(many[0]);
    const [event] = (await userEvents(ids.sam)).filter((e) => (e.coreDetails as { operation?: string }).operation === 'unassign');
    expect(event).toMatchObject({ properties: ['managesAccount'], accountId: null });
  });

  it('upgrades: the flag goes and so do the assignments, recorded in the event', async () => {
    const before = await assignmentsOf(ids.rita);
    const noteId = await runOperation(partner, 'upgrade', [ids.rita]);
    expect(await noteOf(noteId)).toMatchObject({ status: 'success', params: { done: 1, skipped: 0 } });
    expect(await flagOf(ids.rita)).toBe(false);
    expect(await assignmentsOf(ids.rita)).toEqual([]);
    const upgrade = (await userEvents(ids.rita)).at(-1)!;
    expect(upgrade.properties).toEqual(['isAccountManager', 'managedAccountIds']);
    expect(upgrade.coreDetails).toMatchObject({ before: { isAccountManager: true, managedAccountIds: before }, after: { isAccountManager: false, managedAccountIds: [] } });
  });

  it('skips what changed since the request, and re-checks the requester before any change', async () => {
    // Rita is converted twice over: the second job finds nothing left to do.
    const first = await convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.rita] } });
    const second = await convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.rita] } });
    await runManagersBulk(await payloadOf(first.notificationId));
    await runManagersBulk(await payloadOf(second.notificationId));
    expect(await noteOf(second.notificationId)).toMatchObject({ status: 'success', params: { done: 0, skipped: 1 } });

    // The requester became an account manager before the job ran: it stops, nothing changes.
    const upgrade = await runOperation(partner, 'upgrade', [ids.rita]).then(() => convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.rita] } }));
    await db().update(users).set({ isAccountManager: true }).where(eq(users.id, ids.partner));
    try {
      await runManagersBulk(await payloadOf(upgrade.notificationId));
    } finally {
      await db().update(users).set({ isAccountManager: false }).where(eq(users.id, ids.partner));
    }
    expect(await noteOf(upgrade.notificationId)).toMatchObject({ status: 'error', titleKey: 'managers.progress.failed.forbidden' });
    expect(await flagOf(ids.rita)).toBe(false);
  });

  it('never touches the requester itself or users outside its organisation, even if the payload names them', async () => {
    const alice = await userByEmail(EMAIL.alice);
    const { notificationId } = await convertToManagers({ ctx: { actor: partner }, input: { managerIds: [ids.rita] } });
    const payload = await payloadOf(notificationId);
    await runManagersBulk({ ...payload, managerIds: [ids.partner, alice.id, ids.rita].sort() });
    expect(await noteOf(notificationId)).toMatchObject({ status: 'success', params: { done: 1, skipped: 2 } });
    expect(await flagOf(ids.partner)).toBe(false);
    const rows = await db().select({ id: users.id }).from(users).where(and(inArray(users.id, [ids.partner, alice.id]), eq(users.isAccountManager, true)));
    expect(rows).toEqual([]);
  });
});
