import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts } from '@/db/schema';
import { AccountListParams, pageAccountsInScope } from '@/lib/accounts/page-accounts';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { encodeCursor } from '@/lib/tables/search-params';
import { EMAIL, actorFor, createOtherPartner, seed, userByEmail } from '../helpers';

let partner: Actor;
let otherPartnerEmail: string;
const EXTRA = 40;

beforeAll(async () => {
  await seed();
  otherPartnerEmail = (await createOtherPartner()).partnerEmail;
  const { partnerOrgId } = await userByEmail(EMAIL.partner);
  // Staggered creation times, and a few identical ones, so both sort keys need the id tie-breaker.
  const base = Date.UTC(2024, 0, 1);
  await db()
    .insert(accounts)
    .values(
      Array.from({ length: EXTRA }, (_, i) => ({
        partnerOrgId,
        name: `Account ${String(i).padStart(2, '0')}${i % 10 === 0 ? ' 50%_off' : ''}`,
        country: 'NL',
        status: i % 4 === 0 ? ('deactivated' as const) : ('active' as const),
        createdAt: new Date(base + Math.floor(i / 3) * 60_000),
      })),
    );
  await db().insert(accounts).values({ partnerOrgId, name: 'Account being deleted', country: 'NL', status: 'deleting' });
  partner = await actorFor(EMAIL.partner);
});

const params = (raw: Record<string, string | undefined> = {}) => AccountListParams.parse(raw);

async function walk(raw: Record<string, string>): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await pageAccountsInScope(db(), partner, params({ ...raw, cursor }));
    names.push(...page.rows.map((r) => r.name));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return names;
}

describe('pageAccountsInScope (ACC-1)', () => {
  it('pages the whole list by name, without gaps or repeats, and counts it', async () => {
    const first = await pageAccountsInScope(db(), partner, params());
    expect(first.rows).toHaveLength(25);
    expect(first.total).toBe(EXTRA + 2);
    expect(first.nextCursor).not.toBeNull();
    const all = await walk({});
    expect(all).toHaveLength(EXTRA + 2);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(all).not.toContain('Account being deleted');
  });

  it('pages by creation date in both directions, ties broken by id', async () => {
    const desc = await walk({ sort: 'created', dir: 'desc', size: '25' });
    const asc = await walk({ sort: 'created', dir: 'asc' });
    expect(desc).toHaveLength(EXTRA + 2);
    expect(new Set(desc).size).toBe(desc.length);
    expect(desc).toEqual([...asc].reverse());
  });

  it('filters by view and shows each row with its country, status and user count', async () => {
    const deactivated = await pageAccountsInScope(db(), partner, params({ view: 'deactivated', size: '100' }));
    expect(deactivated.total).toBe(EXTRA / 4);
    expect(deactivated.rows.every((r) => r.status === 'deactivated')).toBe(true);
    const active = await pageAccountsInScope(db(), partner, params({ view: 'active', size: '100' }));
    expect(active.total).toBe(EXTRA - EXTRA / 4 + 2);
    expect(active.rows.find((r) => r.name === 'Contoso Ltd')).toMatchObject({ country: 'GB', status: 'active', userCount: 4 });
    expect(active.rows.find((r) => r.name === 'Contoso Ltd')?.createdAt).toBeInstanceOf(Date);
  });

  it('searches names case-insensitively, with LIKE wildcards taken literally', async () => {
    expect((await pageAccountsInScope(db(), partner, params({ q: 'CONTOSO' }))).rows.map((r) => r.name)).toEqual(['Contoso Ltd']);
    expect((await pageAccountsInScope(db(), partner, params({ q: '50%_' }))).total).toBe(4);
    expect((await pageAccountsInScope(db(), partner, params({ q: 'a%z' }))).total).toBe(0);
    expect((await pageAccountsInScope(db(), partner, params({ q: 'account', view: 'deactivated' }))).total).toBe(EXTRA / 4);
  });

  it('starts from the top on a tampered cursor and falls back to defaults on bad parameters', async () => {
    for (const cursor of ['garbage', encodeCursor(["x'); drop table accounts; --", 'not-a-uuid']), encodeCursor(['2024', '00000000-0000-4000-8000-000000000000'])]) {
      const page = await pageAccountsInScope(db(), partner, params({ cursor, sort: 'created' }));
      expect(page.rows).toHaveLength(25);
    }
    expect(params({ view: 'everything', sort: 'password', dir: 'sideways', size: '7' })).toMatchObject({ view: 'all', sort: 'name', dir: 'asc', size: 25 });
    expect(await db().select().from(accounts).where(eq(accounts.name, 'Contoso Ltd'))).toHaveLength(1);
  });

  it("shows another partner organisation only its own accounts, and account users no list at all", async () => {
    const other = await pageAccountsInScope(db(), await actorFor(otherPartnerEmail), params());
    expect(other.rows.map((r) => r.name)).toEqual(['Globex Fabrication']);
    await expect(pageAccountsInScope(db(), await actorFor(EMAIL.alice), params())).rejects.toBeInstanceOf(NotFoundError);
  });
});
