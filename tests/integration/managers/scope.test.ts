import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import type { Account } from '@/db/schema';
import { countAccountsInScope, listAccountsInScope, searchAccountsInScope } from '@/lib/accounts/list-accounts';
import { AccountListParams, pageAccountsInScope } from '@/lib/accounts/page-accounts';
import { getAccountInScope } from '@/lib/accounts/scope';
import { updateAccount } from '@/lib/accounts/update-account';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { getUser } from '@/lib/users/get-user';
import { listUsers } from '@/lib/users/list-users';
import { actorFor, EMAIL, seedTenants, userByEmail } from '../helpers';
import { rejection } from '../users/fixtures';
import { runOperation } from './fixtures';

let partner: Actor;
let samId: string;
let contoso: Account;
let fabrikam: Account;

beforeAll(async () => {
  ({ contoso, fabrikam } = await seedTenants());
  partner = await actorFor(EMAIL.partner);
  samId = (await userByEmail(EMAIL.sam)).id;
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name);
const allAccounts = (actor: Actor) => pageAccountsInScope(db(), actor, AccountListParams.parse({}));

describe('MGR-5: an account manager reaches only its assigned accounts, everywhere', () => {
  it('a freshly converted manager reaches no account at all', async () => {
    await runOperation(partner, 'convert', [samId]);
    const sam = await actorFor(EMAIL.sam);
    expect(sam.managedAccountIds).toEqual([]);
    expect((await allAccounts(sam)).rows).toEqual([]);
    expect(await searchAccountsInScope(db(), sam, '')).toEqual([]);
    expect(await countAccountsInScope(db(), sam)).toEqual({ total: 0, active: 0 });
  });

  it('after Contoso is assigned: Contoso only, in the list, the dashboard, the header search, the account and its users', async () => {
    await runOperation(partner, 'assign', [samId], [contoso.id]);
    const sam = await actorFor(EMAIL.sam);
    expect(names((await allAccounts(sam)).rows)).toEqual(['Contoso Ltd']);
    expect(names(await listAccountsInScope(db(), sam))).toEqual(['Contoso Ltd']);
    expect(await countAccountsInScope(db(), sam)).toEqual({ total: 1, active: 1 });
    expect(names(await searchAccountsInScope(db(), sam, ''))).toEqual(['Contoso Ltd']);
    expect(await searchAccountsInScope(db(), sam, 'fabrikam')).toEqual([]);
    expect(names((await pageAccountsInScope(db(), sam, AccountListParams.parse({ q: 'BV' }))).rows)).toEqual([]);

    expect((await getAccountInScope(db(), sam, contoso.id)).id).toBe(contoso.id);
    expect(await rejection(getAccountInScope(db(), sam, fabrikam.id))).toBeInstanceOf(NotFoundError);
    expect((await listUsers(db(), sam, contoso.id, {})).total).toBeGreaterThan(0);
    expect(await rejection(listUsers(db(), sam, fabrikam.id, {}))).toBeInstanceOf(NotFoundError);
    const bram = await userByEmail(EMAIL.bram);
    expect(await rejection(getUser(db(), sam, { accountId: fabrikam.id, userId: bram.id }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(updateAccount({ ctx: { actor: sam }, input: { accountId: fabrikam.id, name: 'Taken Over' } }))).toBeInstanceOf(NotFoundError);
  });

  it('after unassigning Contoso the manager loses it again', async () => {
    await runOperation(partner, 'unassign', [samId], [contoso.id]);
    const sam = await actorFor(EMAIL.sam);
    expect(await rejection(getAccountInScope(db(), sam, contoso.id))).toBeInstanceOf(NotFoundError);
    await runOperation(partner, 'assign', [samId], [contoso.id]);
  });

  it('after the upgrade back to admin the manager reaches every account of the organisation', async () => {
    await runOperation(partner, 'upgrade', [samId]);
    const sam = await actorFor(EMAIL.sam);
    expect(sam.managedAccountIds).toBeNull();
    expect(names((await allAccounts(sam)).rows)).toEqual(names((await allAccounts(partner)).rows));
    expect(names(await searchAccountsInScope(db(), sam, ''))).toEqual(['Contoso Ltd', 'Fabrikam BV']);
    expect((await getAccountInScope(db(), sam, fabrikam.id)).id).toBe(fabrikam.id);
    expect((await listUsers(db(), sam, fabrikam.id, {})).total).toBeGreaterThan(0);
  });
});
