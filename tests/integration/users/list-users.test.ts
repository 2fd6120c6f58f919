import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, userLicences, users } from '@/db/schema';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { decodeCursor, encodeCursor } from '@/lib/tables/search-params';
import { listUsers } from '@/lib/users/list-users';
import type { Actor } from '@/lib/authz/types';
import { EMAIL, accountByName, actorFor, baseRoleId, createOtherPartner, seed } from '../helpers';
import { addUser, rejection } from './fixtures';

let partner: Actor;
let tieAccountId: string;
const NAMES = ['Zoë Zee', 'anna Appel', 'Anna Appel', 'Bob Bakker', 'bob bakker'];
const TIES = 63;

beforeAll(async () => {
  await seed();
  partner = await actorFor(EMAIL.partner);
  const contoso = await accountByName('Contoso Ltd');
  const [tie] = await db().insert(accounts).values({ partnerOrgId: contoso.partnerOrgId, name: 'Tie Corp', country: 'NL' }).returning();
  tieAccountId = tie!.id;
  const admin = await baseRoleId('admin');
  // Many equal names (and equal modification times, to the microsecond) to test the keyset's tie-breaker.
  for (let i = 0; i < TIES; i++) {
    await addUser(
      tieAccountId,
      {
        email: `tie${String(i).padStart(2, '0')}@tie.example`,
        displayName: NAMES[i % NAMES.length]!,
        roleId: i % 10 === 0 ? admin : undefined,
        registeredAt: i % 3 === 0 ? new Date() : null,
        source: i % 7 === 0 ? 'pbx' : i % 11 === 0 ? 'micloud' : 'portal',
        iotConnected: i % 13 === 0,
        inactive: i % 17 === 0,
      },
      i % 2 === 0 ? [`${7000 + i}`] : [],
    );
  }
  await db()
    .update(users)
    .set({ updatedAt: sql`timestamptz '2030-01-01 00:00:00.123456+00' + (substring(${users.email} from 4 for 2)::int % 4) * interval '1 microsecond'` })
    .where(eq(users.accountId, tieAccountId));
});

async function walk(params: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 20; guard++) {
    const page: Awaited<ReturnType<typeof listUsers>> = await listUsers(db(), partner, tieAccountId, { ...params, ...(cursor ? { cursor } : {}) });
    expect(page.total).toBe(TIES);
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('paging did not end');
}

async function expectedOrder(orderBy: string): Promise<string[]> {
  const rows = await db().execute<{ id: string }>(sql.raw(`select id from users where account_id = '${tieAccountId}' order by ${orderBy}`));
  return rows.map((r) => r.id);
}

describe('listUsers (USR-1)', () => {
  it('pages through tied names by keyset without duplicates or gaps, in both directions', async () => {
    expect(await walk({})).toEqual(await expectedOrder('lower(display_name), id'));
    expect(await walk({ dir: 'desc' })).toEqual(await expectedOrder('lower(display_name) desc, id desc'));
  });

  it('sorts by e-mail and by modification time, keeping microsecond ties apart', async () => {
    expect(await walk({ sort: 'email' })).toEqual(await expectedOrder('lower(email), id'));
    expect(await walk({ sort: 'modified', dir: 'desc' })).toEqual(await expectedOrder('updated_at desc, id desc'));
    expect(await walk({ sort: 'modified', size: '50' })).toEqual(await expectedOrder('updated_at, id'));
  });

  it('returns the columns of the list, with extensions and role', async () => {
    const page = await listUsers(db(), partner, tieAccountId, { q: 'tie00@' });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ email: 'tie00@tie.example', displayName: 'Zoë Zee', extensions: ['7000'], roleKey: 'admin', source: 'pbx', registered: true, inactive: true });
    expect(page.rows[0]).not.toHaveProperty('passwordHash');
  });

  it.each([
    ['admins', (i: number) => i % 10 === 0],
    ['users', (i: number) => i % 10 !== 0],
    ['registered', (i: number) => i % 3 === 0],
    ['unregistered', (i: number) => i % 3 !== 0],
    ['pbx', (i: number) => i % 7 === 0],
    ['micloud', (i: number) => i % 7 !== 0 && i % 11 === 0],
    ['iot', (i: number) => i % 13 === 0],
    ['inactive', (i: number) => i % 17 === 0],
  ])('filters by the property %s', async (filter, expected) => {
    const page = await listUsers(db(), partner, tieAccountId, { filter, size: '100' });
    const want = Array.from({ length: TIES }, (_, i) => i).filter(expected).map((i) => `tie${String(i).padStart(2, '0')}@tie.example`);
    expect(page.rows.map((r) => r.email).sort()).toEqual(want);
    expect(page.total).toBe(want.length);
  });

  it('searches by name, by e-mail and by extension prefix, as typed', async () => {
    const byName = await listUsers(db(), partner, tieAccountId, { q: 'APPEL', size: '100' });
    expect(byName.total).toBe(Array.from({ length: TIES }, (_, i) => i % NAMES.length).filter((n) => n === 1 || n === 2).length);
    expect(byName.rows.every((r) => r.displayName.toLowerCase() === 'anna appel')).toBe(true);
    const byEmail = await listUsers(db(), partner, tieAccountId, { q: 'tie4' });
    expect(byEmail.rows.map((r) => r.email)).toEqual(expect.arrayContaining(['tie40@tie.example', 'tie49@tie.example']));
    expect(byEmail.total).toBe(10);
    const byExtension = await listUsers(db(), partner, tieAccountId, { q: '703' });
    expect(byExtension.rows.map((r) => r.extensions[0]).sort()).toEqual(['7030', '7032', '7034', '7036', '7038']);
    // Wildcards are literal characters, not patterns.
    expect((await listUsers(db(), partner, tieAccountId, { q: '%' })).total).toBe(0);
  });

  it('combines a filter with a search', async () => {
    const page = await listUsers(db(), partner, tieAccountId, { q: 'bakker', filter: 'registered', size: '100' });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.registered && r.displayName.toLowerCase() === 'bob bakker')).toBe(true);
  });

  it('ignores a tampered cursor and bad parameters instead of failing', async () => {
    const first = await listUsers(db(), partner, tieAccountId, {});
    for (const cursor of ['garbage', encodeCursor(['x']), encodeCursor(['a', 'not-a-uuid']), encodeCursor(["'; drop table users; --", '00000000-0000-0000-0000-000000000000'])]) {
      const page = await listUsers(db(), partner, tieAccountId, { cursor, sort: 'bogus', filter: 'nope', size: '7' });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.params).toMatchObject({ sort: 'name', filter: undefined, size: 25 });
    }
    expect(decodeCursor(first.nextCursor!)).toHaveLength(2);
  });

  it("lists only the account's own users: another account's users never appear", async () => {
    const contoso = await accountByName('Contoso Ltd');
    const alice = await actorFor(EMAIL.alice);
    const page = await listUsers(db(), alice, contoso.id, { size: '100' });
    expect(page.rows.map((r) => r.email).sort()).toEqual([EMAIL.alice, EMAIL.uma, EMAIL.victor, EMAIL.wendy].sort());
    const rows = await db().select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.accountId, contoso.id));
    expect(page.total).toBe(rows[0]!.n);
  });

  it('is NotFound for an account outside the actor scope and Forbidden for plain users', async () => {
    const alice = await actorFor(EMAIL.alice);
    const fabrikam = await accountByName('Fabrikam BV');
    expect(await rejection(listUsers(db(), alice, fabrikam.id, {}))).toBeInstanceOf(NotFoundError);
    expect(await rejection(listUsers(db(), alice, tieAccountId, {}))).toBeInstanceOf(NotFoundError);
    expect(await rejection(listUsers(db(), alice, 'not-a-uuid', {}))).toBeInstanceOf(NotFoundError);
    const other = await createOtherPartner();
    expect(await rejection(listUsers(db(), await actorFor(other.partnerEmail), tieAccountId, {}))).toBeInstanceOf(NotFoundError);
    expect(await rejection(listUsers(db(), await actorFor(EMAIL.uma), (await accountByName('Contoso Ltd')).id, {}))).toBeInstanceOf(ForbiddenError);
  });
});

describe('the licences column and the Product filter (USR-1)', () => {
  const email = (i: number) => `tie${String(i).padStart(2, '0')}@tie.example`;
  beforeAll(async () => {
    const all = await db().select({ id: users.id, email: users.email }).from(users).where(eq(users.accountId, tieAccountId));
    const idOf = new Map(all.map((u) => [u.email, u.id]));
    const rows: (typeof userLicences.$inferInsert)[] = [];
    for (let i = 0; i < TIES; i++) {
      const userId = idOf.get(email(i))!;
      if (i % 4 === 0) rows.push({ userId, accountId: tieAccountId, product: 'mitelOne', level: 'premier' });
      else if (i === 1) rows.push({ userId, accountId: tieAccountId, product: 'mitelOne', level: null }); // added, setup not finished
      if (i % 5 === 0) rows.push({ userId, accountId: tieAccountId, product: 'miteamMeetings' });
    }
    await db().insert(userLicences).values(rows);
  });

  it('shows each user the products held, a Mitel One still being set up included', async () => {
    const page = await listUsers(db(), partner, tieAccountId, { q: 'tie0', sort: 'email', size: '100' });
    const of = (i: number) => page.rows.find((r) => r.email === email(i))?.licences;
    expect(of(0)).toEqual([
      { product: 'mitelOne', level: 'premier' },
      { product: 'miteamMeetings', level: null },
    ]);
    expect(of(1)).toEqual([{ product: 'mitelOne', level: null }]);
    expect(of(2)).toEqual([]);
    expect(page.products).toEqual(['mitelOne', 'miteamMeetings']);
  });

  it.each([
    ['mitelOne', (i: number) => i % 4 === 0],
    ['miteamMeetings', (i: number) => i % 5 === 0],
  ] as const)('filters by the product %s (a product being set up holds no licence)', async (product, expected) => {
    const page = await listUsers(db(), partner, tieAccountId, { product, sort: 'email', size: '100' });
    const want = Array.from({ length: TIES }, (_, i) => i).filter(expected).map(email);
    expect(page.rows.map((r) => r.email)).toEqual(want);
    expect(page.total).toBe(want.length);
  });

  it('combines the Product filter with a Property filter and ignores an unknown product', async () => {
    const page = await listUsers(db(), partner, tieAccountId, { product: 'miteamMeetings', filter: 'registered', sort: 'email', size: '100' });
    expect(page.rows.map((r) => r.email)).toEqual(Array.from({ length: TIES }, (_, i) => i).filter((i) => i % 5 === 0 && i % 3 === 0).map(email));
    expect((await listUsers(db(), partner, tieAccountId, { product: 'nope' })).params.product).toBeUndefined();
  });
});
