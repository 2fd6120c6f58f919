import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { notifications } from '@/db/schema';
import { systemActor } from '@/lib/auth/system-actor';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { deleteMyNotification, listMyNotifications, notify } from '@/lib/notifications/notifications';
import { EMAIL, actorFor, seed, userByEmail } from '../helpers';

let aliceNote: string;
let umaNote: string;

beforeAll(async () => {
  await seed();
  const alice = await userByEmail(EMAIL.alice);
  const uma = await userByEmail(EMAIL.uma);
  aliceNote = await notify(db(), { userId: alice.id, accountId: alice.accountId, status: 'running', titleKey: 'notifications.import', progress: 40 });
  await notify(db(), { userId: alice.id, status: 'error', titleKey: 'notifications.failed', details: 'line 3', params: { n: 3 } });
  umaNote = await notify(db(), { userId: uma.id, status: 'info', titleKey: 'notifications.hello' });
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('listMyNotifications (the bell)', () => {
  it("returns only the signed-in user's own notifications, with their details", async () => {
    const mine = await listMyNotifications(db(), { actor: await actorFor(EMAIL.alice) });
    expect(mine).toHaveLength(2);
    expect(mine.every((n) => n.id !== umaNote)).toBe(true);
    expect(mine.find((n) => n.id === aliceNote)).toMatchObject({ status: 'running', titleKey: 'notifications.import', progress: 40 });
    expect(mine.find((n) => n.id !== aliceNote)).toMatchObject({ status: 'error', details: 'line 3', params: { n: 3 }, accountId: null });

    expect(ids(await listMyNotifications(db(), { actor: await actorFor(EMAIL.uma) }))).toEqual([umaNote]);
    // The demo seed left one for the partner admin.
    const partner = await listMyNotifications(db(), { actor: await actorFor(EMAIL.partner) });
    expect(partner.map((n) => n.titleKey)).toEqual(['notifications.demoSeeded']);
  });

  it('shows the newest first and honours the limit', async () => {
    const alice = await userByEmail(EMAIL.alice);
    await db().update(notifications).set({ createdAt: new Date(Date.now() - 60_000) }).where(eq(notifications.id, aliceNote));
    const newest = await notify(db(), { userId: alice.id, status: 'success', titleKey: 'notifications.latest' });
    const actor = await actorFor(EMAIL.alice);
    const list = await listMyNotifications(db(), { actor });
    expect(list[0]?.id).toBe(newest);
    expect(list.at(-1)?.id).toBe(aliceNote);
    expect(ids(await listMyNotifications(db(), { actor }, 1))).toEqual([newest]);
  });

  it('returns nothing for the system actor', async () => {
    expect(await listMyNotifications(db(), { actor: systemActor() })).toEqual([]);
  });
});

describe('deleteMyNotification', () => {
  it("refuses another user's notification as not found and keeps it", async () => {
    const alice = await actorFor(EMAIL.alice);
    await expect(deleteMyNotification({ actor: alice }, umaNote)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().select().from(notifications).where(eq(notifications.id, umaNote))).toHaveLength(1);
    // A partner admin cannot delete it either.
    await expect(deleteMyNotification({ actor: await actorFor(EMAIL.partner) }, umaNote)).rejects.toBeInstanceOf(NotFoundError);
    expect(ids(await listMyNotifications(db(), { actor: await actorFor(EMAIL.uma) }))).toEqual([umaNote]);
  });

  it('deletes an own notification for good; a second delete is not found', async () => {
    const uma = await actorFor(EMAIL.uma);
    await deleteMyNotification({ actor: uma }, umaNote);
    expect(await listMyNotifications(db(), { actor: uma })).toEqual([]);
    expect(await db().select().from(notifications).where(eq(notifications.id, umaNote))).toHaveLength(0);
    await expect(deleteMyNotification({ actor: uma }, umaNote)).rejects.toBeInstanceOf(NotFoundError);
    // Alice's notifications are untouched.
    expect(await listMyNotifications(db(), { actor: await actorFor(EMAIL.alice) })).toHaveLength(3);
  });

  it('is forbidden without a user', async () => {
    await expect(deleteMyNotification({ actor: systemActor() }, aliceNote)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().select().from(notifications).where(eq(notifications.id, aliceNote))).toHaveLength(1);
  });
});
