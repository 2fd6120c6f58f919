import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accountManagerAssignments, accounts, users, type Account } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { listPartnerAdmins } from '@/lib/managers/list-admins';
import { listAssignmentAccounts } from '@/lib/managers/list-assignment-accounts';
import { actorFor, baseRoleId, EMAIL, seedTenants, userByEmail } from '../helpers';
import { rejection } from '../users/fixtures';
import { runOperation } from './fixtures';

let partner: Actor;
let ids: { partner: string; sam: string; rita: string; alice: string };
let contoso: Account;
let fabrikam: Account;
let globex: Account;
let otherPartnerEmail: string;
let wingtip: Account;

beforeAll(async () => {
  ({ contoso, fabrikam, globex, otherPartnerEmail } = await seedTenants());
  partner = await actorFor(EMAIL.partner);
  ids = { partner: partner.userId!, sam: (await userByEmail(EMAIL.sam)).id, rita: (await userByEmail(EMAIL.rita)).id, alice: (await userByEmail(EMAIL.alice)).id };
  [wingtip] = await db().insert(accounts).values({ partnerOrgId: partner.partnerOrgId!, name: 'Wingtip Toys', country: 'BE' }).returning() as [Account];
  await db().insert(accounts).values({ partnerOrgId: partner.partnerOrgId!, name: 'Going Away', country: 'BE', status: 'deleting' });
});

const names = (rows: { displayName?: string; name?: string }[]) => rows.map((r) => r.displayName ?? r.name);
const view = (managers: string[], v: string, extra: object = {}) => listAssignmentAccounts(db(), partner, { managers: managers.join(','), view: v, ...extra });

describe('listPartnerAdmins (MGR-1)', () => {
  it('lists the organisation’s partner admins in two tabs; the signed-in admin is listed but marked', async () => {
    const admins = await listPartnerAdmins(db(), partner, { tab: 'admins' });
    expect(names(admins.rows)).toEqual(['Pat Partner', 'Rita Reseller', 'Sam Sales']);
    expect(admins.rows.find((r) => r.isSelf)?.id).toBe(ids.partner);
    expect(admins.rows[1]).toMatchObject({ email: EMAIL.rita, roleKey: 'partner', roleName: 'Partner', isSelf: false });
    expect(admins.counts).toEqual({ managers: 0, admins: 3 });
    expect((await listPartnerAdmins(db(), partner, {})).rows).toEqual([]);

    await runOperation(partner, 'convert', [ids.sam]);
    await runOperation(partner, 'assign', [ids.sam], [contoso.id, fabrikam.id]);
    const managers = await listPartnerAdmins(db(), partner, { tab: 'managers' });
    expect(managers.rows).toEqual([expect.objectContaining({ id: ids.sam, assignedCount: 2, isSelf: false })]);
    expect(managers.counts).toEqual({ managers: 1, admins: 2 });
    expect(names((await listPartnerAdmins(db(), partner, { tab: 'admins', q: 'RESELL' })).rows)).toEqual(['Rita Reseller']);
  });

  it('pages by name with a cursor and never shows account users or another partner’s admins', async () => {
    const partnerRole = await baseRoleId('partner');
    await db().execute(sql`
      insert into users (partner_org_id, email, display_name, role_id)
      select ${partner.partnerOrgId}, 'extra' || g || '@northwind.example', 'Extra Admin ' || lpad(g::text, 2, '0'), ${partnerRole} from generate_series(1, 30) g`);
    const first = await listPartnerAdmins(db(), partner, { tab: 'admins', size: '25' });
    expect(first.rows).toHaveLength(25);
    const second = await listPartnerAdmins(db(), partner, { tab: 'admins', size: '25', cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    const all = [...first.rows, ...second.rows].map((r) => r.email);
    expect(new Set(all).size).toBe(32);
    expect(all).not.toContain(EMAIL.alice);
    expect(all).not.toContain(otherPartnerEmail);
    await db().execute(sql`delete from users where email like 'extra%@northwind.example'`);
  });

  it('is refused to anyone who may not manage account managers', async () => {
    for (const email of [EMAIL.sam, EMAIL.alice]) {
      expect(await rejection(listPartnerAdmins(db(), await actorFor(email), {}))).toBeInstanceOf(ForbiddenError);
    }
    // Another partner sees only its own organisation.
    const gina = await listPartnerAdmins(db(), await actorFor(otherPartnerEmail), { tab: 'admins' });
    expect(names(gina.rows)).toEqual(['Gina Globex']);
  });
});

describe('listAssignmentAccounts (MGR-3)', () => {
  it('classifies accounts for several managers as assigned to all, to some, or to none, in SQL', async () => {
    await runOperation(partner, 'convert', [ids.rita]);
    await db().delete(accountManagerAssignments).where(sql`true`);
    await db().insert(accountManagerAssignments).values([
      { userId: ids.sam, accountId: contoso.id },
      { userId: ids.rita, accountId: contoso.id },
      { userId: ids.rita, accountId: fabrikam.id },
    ]);
    const both = [ids.sam, ids.rita];
    const all = await view(both, 'all');
    expect(names(all.rows)).toEqual(['Contoso Ltd']);
    expect(all.counts).toEqual({ all: 1, some: 1, none: 1 });
    expect(names(all.managers)).toEqual(['Rita Reseller', 'Sam Sales']);
    const some = await view(both, 'some');
    expect(some.rows).toEqual([{ id: fabrikam.id, name: 'Fabrikam BV', country: fabrikam.country, assignedTo: 1 }]);
    // Accounts of other organisations and accounts being deleted are never offered.
    expect((await view(both, 'none')).rows.map((r) => r.id)).toEqual([wingtip.id]);
    expect(names((await view(both, 'none', { q: 'WING' })).rows)).toEqual(['Wingtip Toys']);
    expect((await view(both, 'none', { q: globex.name })).rows).toEqual([]);
  });

  it('has only assigned / not assigned for one manager', async () => {
    const single = await view([ids.rita], 'some');
    expect(single.view).toBe('all');
    expect(names(single.rows)).toEqual(['Contoso Ltd', 'Fabrikam BV']);
    expect(single.counts).toMatchObject({ all: 2, none: 1 });
    expect((await view([ids.rita], 'none')).rows.map((r) => r.id)).toEqual([wingtip.id]);
  });

  it('is a NotFound for the signed-in admin, admins that are not account managers, account users and malformed ids', async () => {
    await runOperation(partner, 'upgrade', [ids.rita]);
    for (const managers of [[ids.partner], [ids.sam, ids.rita], [ids.alice], ['nope'], []]) {
      expect(await rejection(view(managers, 'all'))).toBeInstanceOf(NotFoundError);
    }
    expect(await rejection(listAssignmentAccounts(db(), await actorFor(EMAIL.sam), { managers: ids.sam }))).toBeInstanceOf(ForbiddenError);
    const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(users).where(sql`${users.isAccountManager}`);
    expect(row!.n).toBe(1);
  });
});
