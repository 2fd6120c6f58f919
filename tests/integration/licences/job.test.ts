import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events, notifications, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { boss } from '@/lib/jobs/boss';
import { runLicencesBulk } from '@/lib/jobs/handlers/licences-bulk';
import { applyLicences } from '@/lib/licences/apply-licences';
import { LICENCE_JOB_ABOVE, requestLicences } from '@/lib/licences/request-licences';
import { actorFor, EMAIL, seed } from '../helpers';
import { bigAccount, inUse, licenceEvents, MITEAM, moreNeeded, noteOf, payloadOf, PREMIER } from './job-fixtures';

let partner: Actor;
const premier = { product: 'mitelOne', level: 'premier' } as const;
const assignMiteam = { product: 'miteamMeetings', assign: true } as const;
const jobCount = async () => (await db().execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'licences-bulk'`))[0]!.n;

beforeAll(async () => {
  await seed();
  await boss(); // the job tables exist before the first count
  partner = await actorFor(EMAIL.partner);
});

describe('which licence changes run as a job (requestLicences)', () => {
  it('a small change is applied in the request, as before: no notification, no job', async () => {
    const { id, userIds } = await bigAccount(partner, 3, { miteam: 5 });
    expect(LICENCE_JOB_ABOVE).toBe(2_000);
    expect(await requestLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: null, change: assignMiteam } })).toEqual({ mode: 'applied', changed: 3 });
    expect(await inUse(id, MITEAM)).toBe(3);
    expect(await licenceEvents(id)).toBe(3);
    const [notes] = await db().select({ n: count() }).from(notifications).where(eq(notifications.accountId, id));
    expect(notes!.n).toBe(0);
    expect(await jobCount()).toBe(0);
    // The threshold counts the users who would change: asking again changes nobody, at once.
    expect(await requestLicences({ ctx: { actor: partner }, input: { accountId: id, userIds, change: assignMiteam }, jobAbove: 1 })).toEqual({ mode: 'applied', changed: 0 });
  });

  it('a change above the threshold is pre-checked, then handed to a job with its notification; nothing changes yet', async () => {
    const { id, userIds } = await bigAccount(partner, 12, { premier: 12 });
    const result = await requestLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: [...userIds, userIds[0]!], change: premier }, jobAbove: 10 });
    if (result.mode !== 'job') throw new Error('expected a job');
    expect(result.total).toBe(12);
    expect(await noteOf(result.notificationId)).toMatchObject({ status: 'running', progress: 0, titleKey: 'licences.job.running.mitelOne', params: { count: 12, done: 0 }, accountId: id });
    expect((await noteOf(result.notificationId)).jobId).toBeTruthy();
    expect(await payloadOf(result.notificationId)).toMatchObject({ accountId: id, userIds, change: { product: 'mitelOne', level: 'premier' }, actorUserId: partner.userId });
    expect(await inUse(id, PREMIER)).toBe(0);
    expect(await licenceEvents(id)).toBe(0);
  });

  it('a large change that does not fit is refused at once with the count, and no job is made', async () => {
    const { id } = await bigAccount(partner, 12, { premier: 5 });
    const before = await jobCount();
    expect(await moreNeeded(requestLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: null, change: premier }, jobAbove: 10 }))).toBe(7);
    expect(await jobCount()).toBe(before);
    const [notes] = await db().select({ n: count() }).from(notifications).where(eq(notifications.accountId, id));
    expect(notes!.n).toBe(0);
  });
});

describe('the licences-bulk job (runLicencesBulk)', () => {
  const SIZE = 2_500;

  it('applies the change to every user with an event each, reporting x of y after each chunk, and ends at 100% with the count', async () => {
    const { id } = await bigAccount(partner, SIZE, { premier: SIZE });
    const result = await requestLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: null, change: premier }, jobAbove: 100 });
    if (result.mode !== 'job') throw new Error('expected a job');
    const payload = await payloadOf(result.notificationId);

    // What the bell and the dialog read while it runs: sampled on another connection.
    const seen = new Set<string>();
    let running = true;
    const sampling = (async () => {
      while (running) {
        const n = await noteOf(result.notificationId);
        if (n.status === 'running') seen.add(`${n.params.done}/${n.params.count} ${n.progress}%`);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await runLicencesBulk(payload);
    running = false;
    await sampling;

    expect(await noteOf(result.notificationId)).toMatchObject({ status: 'success', progress: 100, titleKey: 'licences.job.done.mitelOne', params: { count: SIZE } });
    expect(await inUse(id, PREMIER)).toBe(SIZE);
    const [created] = await db().select({ n: count() }).from(events).where(sql`${events.accountId} = ${id} and ${events.asset} = 'Licence' and ${events.action} = 'Create' and ${events.actorName} = 'Pat Partner'`);
    expect(created!.n).toBe(SIZE);
    // Only real progress: never more than done, always of the whole.
    for (const s of seen) expect(['0/2500 0%', '1000/2500 40%', '2000/2500 80%', '2500/2500 100%']).toContain(s);

    // A retry of a finished job changes nothing and keeps the result.
    await runLicencesBulk(payload);
    expect(await licenceEvents(id)).toBe(SIZE);
    expect(await noteOf(result.notificationId)).toMatchObject({ status: 'success', params: { count: SIZE } });
  });

  it('tells its progress callback the users done of the total, counting those who need nothing as done', async () => {
    const { id, userIds } = await bigAccount(partner, SIZE, { miteam: SIZE });
    await applyLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: userIds.slice(0, 600), change: assignMiteam } });
    const reports: string[] = [];
    const { changed } = await applyLicences({
      ctx: { actor: partner },
      input: { accountId: id, userIds: null, change: assignMiteam },
      onProgress: async (done, total) => void reports.push(`${done}/${total}`),
    });
    expect(changed).toBe(SIZE - 600);
    expect(reports).toEqual(['1600/2500', '2500/2500']);
  });

  it('applies a selection to the users still there when one was deleted since the request', async () => {
    const { id, userIds } = await bigAccount(partner, 5, { miteam: 5 });
    const result = await requestLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: userIds.slice(0, 4), change: assignMiteam }, jobAbove: 2 });
    if (result.mode !== 'job') throw new Error('expected a job');
    await db().delete(users).where(eq(users.id, userIds[0]!));
    await runLicencesBulk(await payloadOf(result.notificationId));
    expect(await noteOf(result.notificationId)).toMatchObject({ status: 'success', titleKey: 'licences.job.done.miteamMeetings', params: { count: 3 } });
    expect(await inUse(id, MITEAM)).toBe(3);
  });

  it('re-checks the requester when it runs and ends in error, changing nothing, without access, without Users "Edit" or without the integration', async () => {
    const { id, userIds } = await bigAccount(partner, 5, { miteam: 5 });
    const ask = async () => {
      const result = await requestLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: null, change: assignMiteam }, jobAbove: 2 });
      if (result.mode !== 'job') throw new Error('expected a job');
      return { id: result.notificationId, payload: await payloadOf(result.notificationId) };
    };
    // As if the job had been asked by someone whose scope or role changed since.
    const outOfScope = await ask();
    await runLicencesBulk({ ...outOfScope.payload, actorUserId: (await actorFor(EMAIL.alice)).userId! });
    expect(await noteOf(outOfScope.id)).toMatchObject({ status: 'error', titleKey: 'licences.job.failed.noAccess' });
    const plainUser = await ask();
    await runLicencesBulk({ ...plainUser.payload, actorUserId: userIds[0]! });
    expect(await noteOf(plainUser.id)).toMatchObject({ status: 'error', titleKey: 'licences.job.failed.forbidden' });

    const removed = await ask();
    await db().execute(sql`delete from account_integrations where account_id = ${id} and integration_id = 'miteamMeetings'`);
    await runLicencesBulk(removed.payload);
    expect(await noteOf(removed.id)).toMatchObject({ status: 'error', titleKey: 'licences.errors.notIntegrated', progress: 100 });
    expect(await inUse(id, MITEAM)).toBe(0);
    expect(await licenceEvents(id)).toBe(0);
  });
});
