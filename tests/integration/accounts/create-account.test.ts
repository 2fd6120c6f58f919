import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, supportContacts, users } from '@/db/schema';
import { createAccount } from '@/lib/accounts/create-account';
import { getAccountInScope } from '@/lib/accounts/scope';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { EMAIL, actorFor, baseRoleId, createOtherPartner, seed, userByEmail } from '../helpers';
import { VALID_ACCOUNT, accountCount, eventCount, lastEventFor, secondPartnerUser } from './fixtures';

let otherPartnerEmail: string;
let sam: string;

beforeAll(async () => {
  await seed();
  otherPartnerEmail = (await createOtherPartner()).partnerEmail;
  sam = await secondPartnerUser();
});

const asPartner = async (input: unknown) => createAccount({ ctx: { actor: await actorFor(EMAIL.partner) }, input });

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe('createAccount (ACC-2)', () => {
  it('creates the account in the partner organisation with its support contact and an audit event', async () => {
    const partner = await userByEmail(EMAIL.partner);
    const { id } = await asPartner(VALID_ACCOUNT);
    const [row] = await db().select().from(accounts).where(eq(accounts.id, id));
    expect(row).toMatchObject({
      partnerOrgId: partner.partnerOrgId,
      name: 'Tailspin Toys',
      status: 'active',
      country: 'DE',
      province: 'Bayern',
      address: 'Hauptstraße 1',
      city: 'München',
      postalCode: '80331',
      defaultLanguage: 'de',
      cloudLocation: 'eu',
      bandwidthOptimisation: false,
    });
    const contacts = await db().select().from(supportContacts).where(eq(supportContacts.accountId, id));
    expect(contacts).toMatchObject([{ email: 'helpdesk@tailspin.example', userId: null }]);

    const event = await lastEventFor(id);
    expect(event).toMatchObject({ action: 'Create', asset: 'Account', accountId: id, partnerOrgId: partner.partnerOrgId, actorId: partner.id, actorName: 'Pat Partner' });
    expect(event?.coreDetails).toMatchObject({ after: { name: 'Tailspin Toys', country: 'DE', supportContacts: ['helpdesk@tailspin.example'] } });
  });

  it('places the account in the data region of its country', async () => {
    const us = await asPartner({ ...VALID_ACCOUNT, name: 'Northwind US', country: 'US' });
    const jp = await asPartner({ ...VALID_ACCOUNT, name: 'Northwind JP', country: 'JP' });
    const [a] = await db().select().from(accounts).where(eq(accounts.id, us.id));
    const [b] = await db().select().from(accounts).where(eq(accounts.id, jp.id));
    expect([a?.cloudLocation, b?.cloudLocation]).toEqual(['us', 'ap']);
  });

  it('links a partner user of the same organisation, keeps other addresses plain, and drops duplicates', async () => {
    const samUser = await userByEmail(sam);
    const { id } = await asPartner({ ...VALID_ACCOUNT, name: 'Linked Co', supportContacts: [sam.toUpperCase(), 'ops@linked.example', 'OPS@linked.example', otherPartnerEmail] });
    const contacts = await db().select().from(supportContacts).where(eq(supportContacts.accountId, id));
    const byEmail = Object.fromEntries(contacts.map((c) => [c.email.toLowerCase(), c.userId]));
    expect(byEmail).toEqual({ [sam]: samUser.id, 'ops@linked.example': null, [otherPartnerEmail]: null });
  });

  it('stores empty optional fields as NULL and trims text', async () => {
    const { id } = await asPartner({ ...VALID_ACCOUNT, name: '  Bare Co  ', province: '', address: ' ', city: '', postalCode: '' });
    const [row] = await db().select().from(accounts).where(eq(accounts.id, id));
    expect(row).toMatchObject({ name: 'Bare Co', province: null, address: null, city: null, postalCode: null });
  });

  it('requires at least one support contact and writes nothing without one', async () => {
    const [accountsBefore, eventsBefore] = [await accountCount(), await eventCount()];
    expect(await fieldErrorsOf(asPartner({ ...VALID_ACCOUNT, supportContacts: [] }))).toEqual({ supportContacts: ['errors.accounts.supportContactRequired'] });
    expect(await fieldErrorsOf(asPartner({ ...VALID_ACCOUNT, supportContacts: undefined }))).toHaveProperty('supportContacts');
    expect([await accountCount(), await eventCount()]).toEqual([accountsBefore, eventsBefore]);
  });

  it('reports every bad field at once: invalid e-mail, unknown country, over-long and missing values', async () => {
    const before = await accountCount();
    const errors = await fieldErrorsOf(
      asPartner({ ...VALID_ACCOUNT, name: '', country: 'XX', city: 'x'.repeat(101), postalCode: '1'.repeat(21), defaultLanguage: 'pt', supportContacts: ['ok@x.example', 'not-an-address'] }),
    );
    expect(errors).toEqual({
      name: ['errors.required'],
      country: ['errors.accounts.unknownCountry'],
      city: ['errors.tooLong'],
      postalCode: ['errors.tooLong'],
      defaultLanguage: ['errors.invalid'],
      'supportContacts.1': ['errors.accounts.invalidContactEmail'],
    });
    expect(await fieldErrorsOf(asPartner({ ...VALID_ACCOUNT, name: 'n'.repeat(121) }))).toEqual({ name: ['errors.tooLong'] });
    const many = Array.from({ length: 26 }, (_, i) => `c${i}@x.example`);
    expect(await fieldErrorsOf(asPartner({ ...VALID_ACCOUNT, supportContacts: many }))).toEqual({ supportContacts: ['errors.accounts.tooManySupportContacts'] });
    expect(await accountCount()).toBe(before);
  });

  it('refuses account admins and plain users (Forbidden) and writes nothing', async () => {
    const before = [await accountCount(), await eventCount()];
    for (const email of [EMAIL.alice, EMAIL.uma]) {
      await expect(createAccount({ ctx: { actor: await actorFor(email) }, input: VALID_ACCOUNT })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect([await accountCount(), await eventCount()]).toEqual(before);
  });

  it('refuses a partner whose role lacks Account Add', async () => {
    const actor = await actorFor(EMAIL.partner);
    const limited = { ...actor, permissions: new Set([...actor.permissions].filter((p) => p !== 'account.add')) };
    await expect(createAccount({ ctx: { actor: limited }, input: VALID_ACCOUNT })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("assigns an account manager's new account to it, so it stays within its reach", async () => {
    const partner = await userByEmail(EMAIL.partner);
    await db().insert(users).values({
      partnerOrgId: partner.partnerOrgId,
      email: 'manager@northwind.example',
      displayName: 'Mia Manager',
      roleId: await baseRoleId('partner'),
      isAccountManager: true,
      registeredAt: new Date(),
    });
    const { id } = await createAccount({ ctx: { actor: await actorFor('manager@northwind.example') }, input: { ...VALID_ACCOUNT, name: 'Managed Co' } });
    const manager = await actorFor('manager@northwind.example');
    expect(manager.managedAccountIds).toEqual([id]);
    expect((await getAccountInScope(db(), manager, id)).name).toBe('Managed Co');
  });
});
