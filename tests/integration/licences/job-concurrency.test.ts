import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/authz/types';
import { DomainError } from '@/lib/errors';
import { runLicencesBulk } from '@/lib/jobs/handlers/licences-bulk';
import { applyLicences } from '@/lib/licences/apply-licences';
import { LOCK_WAIT_MS, lockLicences, poolOf } from '@/lib/licences/pool';
import { requestLicences } from '@/lib/licences/request-licences';
import { db } from '@/db/client';
import { actorFor, EMAIL, seed } from '../helpers';
import { rejection } from '../users/fixtures';
import { bigAccount, inUse, licenceEvents, MITEAM, noteOf, payloadOf, PREMIER } from './job-fixtures';

// ORD-5: never more licences in use than owned, whatever runs while a licences-bulk job waits or works.
let partner: Actor;
const assignMiteam = { product: 'miteamMeetings', assign: true } as const;

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
});

async function requestJob(accountId: string, userIds: string[] | null, change: object, jobAbove: number) {
  const result = await requestLicences({ ctx: { actor: partner }, input: { accountId, userIds, change }, jobAbove });
  if (result.mode !== 'job') throw new Error('expected a job');
  return { notificationId: result.notificationId, payload: await payloadOf(result.notificationId) };
}

/** One user each, all at once: how many got a licence, and the refusals' keys and counts. */
async function singles(accountId: string, userIds: string[]) {
  const results = await Promise.allSettled(userIds.map((id) => applyLicences({ ctx: { actor: partner }, input: { accountId, userIds: [id], change: assignMiteam } })));
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
  return { won: results.length - refused.length, refused: refused.map((e) => `${e.messageKey} ${e.params.count}`) };
}

describe('a licences-bulk job racing single assignments (ORD-5)', () => {
  it('while it waits: singles take the last licences (the losers are told), and the job re-checks, is refused with the count and changes nothing', async () => {
    // 20 MiTeam licences, a job for 12 users accepted, then 25 other users ask for one each.
    const { id, userIds } = await bigAccount(partner, 37, { miteam: 20 });
    const job = await requestJob(id, userIds.slice(0, 12), assignMiteam, 5);
    const race = await singles(id, userIds.slice(12));
    expect(race.won).toBe(20);
    expect(race.refused).toEqual(Array(5).fill('licences.errors.moreNeeded 1'));
    expect(await poolOf(db(), id, MITEAM)).toEqual({ owned: 20, inUse: 20 });

    await runLicencesBulk(job.payload);
    expect(await noteOf(job.notificationId)).toMatchObject({ status: 'error', progress: 100, titleKey: 'licences.job.failed.moreNeeded', params: { count: 12 } });
    expect(await poolOf(db(), id, MITEAM)).toEqual({ owned: 20, inUse: 20 });
    expect(await licenceEvents(id)).toBe(20); // the singles' only
  });

  it('while it runs: singles wait for its lock, the job takes what it was asked, the singles share what is left', async () => {
    const SIZE = 4_000;
    // SIZE + 5 licences: the job's SIZE users, then 5 for the 10 singles.
    const { id, userIds } = await bigAccount(partner, SIZE + 10, { miteam: SIZE + 5 });
    const job = await requestJob(id, userIds.slice(0, SIZE), assignMiteam, 100);
    const running = runLicencesBulk(job.payload);
    // The first progress is written from inside the job's transaction, under the licence lock.
    let note = await noteOf(job.notificationId);
    while (note.status === 'running' && note.progress === 0) note = await noteOf(job.notificationId);
    const whileRunning = note.status === 'running';

    // What other connections count meanwhile never exceeds what is owned.
    let sampling = true;
    const samples: number[] = [];
    const sampler = (async () => {
      while (sampling) samples.push(await inUse(id, MITEAM));
    })();
    const race = await singles(id, userIds.slice(SIZE));
    await running;
    sampling = false;
    await sampler;

    expect(whileRunning).toBe(true);
    expect(await noteOf(job.notificationId)).toMatchObject({ status: 'success', titleKey: 'licences.job.done.miteamMeetings', params: { count: SIZE } });
    // A single that waited longer than LOCK_WAIT_MS (a slow machine) was told "busy"; the others
    // share the 5 left.
    const busy = race.refused.filter((r) => r.startsWith('licences.errors.busy')).length;
    expect(race.won).toBe(Math.min(5, 10 - busy));
    expect(race.refused.filter((r) => !r.startsWith('licences.errors.busy'))).toEqual(Array(10 - busy - race.won).fill('licences.errors.moreNeeded 1'));
    expect(await poolOf(db(), id, MITEAM)).toEqual({ owned: SIZE + 5, inUse: SIZE + race.won });
    expect(samples.length).toBeGreaterThan(0);
    expect(Math.max(...samples)).toBeLessThanOrEqual(SIZE + 5);
  });

  it('a request waits at most LOCK_WAIT_MS for a job holding the lock, then is told the licences are busy, changing nothing', async () => {
    const { id, userIds } = await bigAccount(partner, 2, { miteam: 5 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = db().transaction(async (tx) => {
      await lockLicences(tx, id, { waitMs: null }); // as a running licences-bulk job holds it
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const error = await rejection(applyLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: [userIds[0]!], change: assignMiteam } }));
    const waited = Date.now() - started;
    release();
    await holding;
    expect(error).toMatchObject({ messageKey: 'licences.errors.busy', status: 409 });
    expect(waited).toBeGreaterThanOrEqual(LOCK_WAIT_MS - 100);
    expect(await inUse(id, MITEAM)).toBe(0);
    // Once the job is done, the same request goes through.
    await applyLicences({ ctx: { actor: partner }, input: { accountId: id, userIds: [userIds[0]!], change: assignMiteam } });
    expect(await inUse(id, MITEAM)).toBe(1);
  });

  it('two jobs accepted for the same free licences: one applies, the other is refused with the count and changes nothing', async () => {
    const { id, userIds } = await bigAccount(partner, 3_000, { premier: 2_000 });
    const change = { product: 'mitelOne', level: 'premier' } as const;
    const first = await requestJob(id, userIds.slice(0, 1_500), change, 100);
    const second = await requestJob(id, userIds.slice(1_500), change, 100);
    await Promise.all([runLicencesBulk(first.payload), runLicencesBulk(second.payload)]);

    const outcomes = [await noteOf(first.notificationId), await noteOf(second.notificationId)].map((n) => `${n.status} ${n.titleKey} ${n.params.count}`).sort();
    expect(outcomes).toEqual(['error licences.job.failed.moreNeeded 1000', 'success licences.job.done.mitelOne 1500']);
    expect(await inUse(id, PREMIER)).toBe(1_500);
    expect(await licenceEvents(id)).toBe(1_500);
  });
});
