import { count, desc, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { events } from '@/db/schema';
import { systemActor } from '@/lib/auth/system-actor';
import type { Ctx } from '@/lib/db/transaction';
import { changedProperties, recordEvent, recordEvents, type EventInput } from '@/lib/events/record-event';
import { setOwnLocale } from '@/lib/users/set-own-locale';
import { EMAIL, accountByName, actorFor, seed, userByEmail } from '../helpers';

beforeAll(seed);

async function record(ctx: Ctx, input: EventInput) {
  await db().transaction((tx) => recordEvent(tx, ctx, input));
  const [row] = await db().select().from(events).orderBy(desc(events.seq)).limit(1);
  return row!;
}

describe('changedProperties (EVT-1 "properties changed")', () => {
  it('names the keys whose values differ, sorted', () => {
    expect(changedProperties({ name: 'A', city: 'X', country: 'GB' }, { name: 'B', city: 'X', country: 'NL' })).toEqual(['country', 'name']);
  });

  it('counts added and removed keys as changed', () => {
    expect(changedProperties({ a: 1 }, { b: 2 })).toEqual(['a', 'b']);
    expect(changedProperties(undefined, { mobile: '+31' })).toEqual(['mobile']);
    expect(changedProperties({ mobile: '+31' }, undefined)).toEqual(['mobile']);
  });

  it('compares values deeply, and tells null from a missing value', () => {
    expect(changedProperties({ tags: ['a', 'b'], o: { x: 1 } }, { tags: ['a', 'b'], o: { x: 1 } })).toEqual([]);
    expect(changedProperties({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual(['tags']);
    expect(changedProperties({ locale: null }, { locale: 'nl' })).toEqual(['locale']);
    expect(changedProperties({ n: 1 }, { n: '1' })).toEqual(['n']);
    expect(changedProperties({}, {})).toEqual([]);
  });
});

describe('recordEvent', () => {
  it("stores the actor, action, asset, the changed properties and the account of the actor's scope", async () => {
    const actor = await actorFor(EMAIL.alice);
    const row = await record({ actor }, {
      action: 'Edit',
      asset: 'User',
      assetId: 'user-42',
      before: { displayName: 'Old', mobile: null, city: 'London' },
      after: { displayName: 'New', mobile: '+44', city: 'London' },
      extra: { via: 'test' },
      tags: ['bulk'],
    });
    expect(row).toMatchObject({
      actorId: actor.userId,
      actorName: 'Alice Admin',
      actorKind: 'accountUser',
      action: 'Edit',
      eventType: 'Admin',
      asset: 'User',
      assetId: 'user-42',
      accountId: actor.accountId,
      partnerOrgId: actor.partnerOrgId,
      properties: ['displayName', 'mobile'],
      extraDetails: { via: 'test' },
      tags: ['bulk'],
    });
    expect(row.coreDetails).toEqual({
      before: { displayName: 'Old', mobile: null, city: 'London' },
      after: { displayName: 'New', mobile: '+44', city: 'London' },
    });
    expect(row.occurredAt).toBeInstanceOf(Date);
  });

  it('redacts password hashes, passwords, token hashes and secrets in the stored details', async () => {
    const row = await record({ actor: await actorFor(EMAIL.partner) }, {
      action: 'Edit',
      asset: 'User',
      before: { passwordHash: '$argon2id$old', email: 'a@x.example' },
      after: { passwordHash: '$argon2id$new', password: 'plain-pass', tokenHash: 'abc', secret: 's3cr3t', email: 'a@x.example' },
      core: { change: 'passwordChanged' },
    });
    expect(row.coreDetails).toEqual({
      change: 'passwordChanged',
      before: { passwordHash: '[redacted]', email: 'a@x.example' },
      after: { passwordHash: '[redacted]', password: '[redacted]', tokenHash: '[redacted]', secret: '[redacted]', email: 'a@x.example' },
    });
    const stored = JSON.stringify(row);
    for (const secret of ['$argon2id$old', '$argon2id$new', 'plain-pass', 's3cr3t']) expect(stored).not.toContain(secret);
    // The change is still visible as a changed property.
    expect(row.properties).toContain('passwordHash');
  });

  it('lists no changed properties for Create and Delete', async () => {
    const row = await record({ actor: await actorFor(EMAIL.partner) }, { action: 'Create', asset: 'Account', after: { name: 'New Co' } });
    expect(row.properties).toEqual([]);
    expect(row.coreDetails).toEqual({ after: { name: 'New Co' } });
  });

  it('lets the caller set or clear the account, and records system work as "System"', async () => {
    const partner = await actorFor(EMAIL.partner);
    const fabrikam = await accountByName('Fabrikam BV');
    expect((await record({ actor: partner }, { action: 'Edit', asset: 'Account', accountId: fabrikam.id })).accountId).toBe(fabrikam.id);
    const alice = await actorFor(EMAIL.alice);
    expect((await record({ actor: alice }, { action: 'Edit', asset: 'Role', accountId: null })).accountId).toBeNull();
    const row = await record({ actor: systemActor({ partnerOrgId: partner.partnerOrgId }) }, { action: 'Delete', asset: 'Integration', eventType: 'MiVB' });
    expect(row).toMatchObject({ actorId: null, actorName: 'System', actorKind: 'system', partnerOrgId: partner.partnerOrgId, eventType: 'MiVB' });
  });

  it('is written in the caller transaction: a rolled-back change leaves no event', async () => {
    const actor = await actorFor(EMAIL.partner);
    const [before] = await db().select({ seq: events.seq }).from(events).orderBy(desc(events.seq)).limit(1);
    await expect(
      db().transaction(async (tx) => {
        await recordEvent(tx, { actor }, { action: 'Delete', asset: 'Account', assetId: 'rolled-back' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db().select().from(events).where(eq(events.assetId, 'rolled-back'))).toHaveLength(0);
    const [after] = await db().select({ seq: events.seq }).from(events).orderBy(desc(events.seq)).limit(1);
    expect(after?.seq).toBe(before?.seq);
  });

  it("records a user's language change with its before and after values", async () => {
    const uma = await userByEmail(EMAIL.uma);
    await setOwnLocale({ actor: await actorFor(EMAIL.uma) }, 'de');
    const [row] = await db().select().from(events).where(eq(events.assetId, uma.id)).orderBy(desc(events.seq)).limit(1);
    expect(row).toMatchObject({ action: 'Edit', asset: 'User', actorId: uma.id, actorName: 'Uma User', properties: ['locale'] });
    expect(row?.coreDetails).toEqual({ before: { locale: null }, after: { locale: 'de' } });
    expect((await userByEmail(EMAIL.uma)).locale).toBe('de');
  });
});

describe('recordEvents', () => {
  const bulk = (tag: string, n: number): EventInput[] =>
    Array.from({ length: n }, (_, i) => ({ action: 'Delete', asset: 'Licence', assetId: `${tag}-${i}:miteamMeetings`, before: { product: 'miteamMeetings', level: null } }));
  const stored = async (tag: string) => (await db().select({ n: count() }).from(events).where(like(events.assetId, `${tag}-%`)))[0]!.n;

  // 13 bind parameters a row: one statement of 6,000 rows would need 78,000, over PostgreSQL's 65,535
  // (5,000 rows would still just fit).
  it('records 6,000 events in one call, more rows than one statement may bind, in order', async () => {
    const actor = await actorFor(EMAIL.partner);
    await db().transaction((tx) => recordEvents(tx, { actor }, bulk('bulk', 6_000)));
    expect(await stored('bulk')).toBe(6_000);
    const rows = await db().select({ assetId: events.assetId }).from(events).where(like(events.assetId, 'bulk-%')).orderBy(events.seq);
    expect(rows.map((r) => r.assetId)).toEqual(bulk('bulk', 6_000).map((e) => e.assetId));
  });

  it('writes all of them in the caller transaction: a rollback after the last chunk leaves none', async () => {
    const actor = await actorFor(EMAIL.partner);
    await expect(
      db().transaction(async (tx) => {
        await recordEvents(tx, { actor }, bulk('undone', 2_500));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await stored('undone')).toBe(0);
  });

  it('does nothing for no events', async () => {
    const [before] = await db().select({ seq: events.seq }).from(events).orderBy(desc(events.seq)).limit(1);
    await db().transaction((tx) => recordEvents(tx, { actor: systemActor() }, []));
    const [after] = await db().select({ seq: events.seq }).from(events).orderBy(desc(events.seq)).limit(1);
    expect(after?.seq).toBe(before?.seq);
  });
});
