import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, type Account } from '@/db/schema';
import { updateAccount } from '@/lib/accounts/update-account';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { actorFor, EMAIL, seedTenants } from '../helpers';
import { customAdmin, eventCount, eventsFor, lastEventFor } from './fixtures';

let contoso: Account;
let fabrikam: Account;
let globex: Account;
let otherPartnerEmail: string;

beforeAll(async () => {
  ({ contoso, fabrikam, globex, otherPartnerEmail } = await seedTenants());
});

const edit = async (email: string, input: Record<string, unknown>) => updateAccount({ ctx: { actor: await actorFor(email) }, input });
const reload = async (id: string) => (await db().select().from(accounts).where(eq(accounts.id, id)))[0]!;

describe('updateAccount (ACC-3, ACC-6)', () => {
  it('lets a partner edit the customer information, and records what changed', async () => {
    await edit(EMAIL.partner, {
      accountId: fabrikam.id,
      name: 'Fabrikam Holding BV',
      country: 'BE',
      province: 'Antwerpen',
      address: 'Meir 1',
      city: 'Antwerpen',
      postalCode: '2000',
      defaultLanguage: 'fr',
      businessType: 'retail',
    });
    expect(await reload(fabrikam.id)).toMatchObject({
      name: 'Fabrikam Holding BV',
      country: 'BE',
      province: 'Antwerpen',
      address: 'Meir 1',
      city: 'Antwerpen',
      postalCode: '2000',
      defaultLanguage: 'fr',
      businessType: 'retail',
      cloudLocation: 'eu',
    });
    const event = await lastEventFor(fabrikam.id);
    expect(event).toMatchObject({ action: 'Edit', asset: 'Account', accountId: fabrikam.id, actorName: 'Pat Partner' });
    expect(event?.properties).toEqual(['address', 'businessType', 'city', 'country', 'defaultLanguage', 'name', 'postalCode', 'province']);
    expect(event?.coreDetails).toMatchObject({ before: { name: 'Fabrikam BV', city: 'Utrecht' }, after: { name: 'Fabrikam Holding BV', city: 'Antwerpen' } });
  });

  it('changes only the fields it is given (the call-services toggle) and clears a field left empty', async () => {
    await edit(EMAIL.partner, { accountId: fabrikam.id, bandwidthOptimisation: true });
    expect(await reload(fabrikam.id)).toMatchObject({ bandwidthOptimisation: true, name: 'Fabrikam Holding BV', city: 'Antwerpen' });
    expect((await lastEventFor(fabrikam.id))?.properties).toEqual(['bandwidthOptimisation']);
    await edit(EMAIL.partner, { accountId: fabrikam.id, province: '', businessType: '' });
    expect(await reload(fabrikam.id)).toMatchObject({ province: null, businessType: null });
  });

  it('records nothing when nothing changes, and ignores read-only fields', async () => {
    const before = await eventCount();
    const current = await reload(contoso.id);
    await edit(EMAIL.partner, { accountId: contoso.id, name: current.name, city: current.city, cloudLocation: 'us', sapCustomerNo: '42', status: 'deactivated' });
    expect(await eventCount()).toBe(before);
    expect(await reload(contoso.id)).toMatchObject({ cloudLocation: 'eu', sapCustomerNo: null, status: 'active' });
  });

  it('lets an account admin edit its own account', async () => {
    await edit(EMAIL.alice, { accountId: contoso.id, city: 'Manchester' });
    expect((await reload(contoso.id)).city).toBe('Manchester');
    expect(await lastEventFor(contoso.id)).toMatchObject({ actorName: 'Alice Admin', actorKind: 'accountUser', properties: ['city'] });
  });

  it("answers NotFound for another account or another partner's account, and changes nothing", async () => {
    const before = await eventCount();
    await expect(edit(EMAIL.alice, { accountId: fabrikam.id, city: 'Hacked' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(edit(EMAIL.partner, { accountId: globex.id, city: 'Hacked' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(edit(otherPartnerEmail, { accountId: contoso.id, city: 'Hacked' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(edit(EMAIL.partner, { accountId: 'not-a-uuid', city: 'Hacked' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await reload(fabrikam.id)).city).toBe('Antwerpen');
    expect((await reload(globex.id)).city).toBeNull();
    expect((await reload(contoso.id)).city).toBe('Manchester');
    expect(await eventCount()).toBe(before);
  });

  it('refuses plain users and admins whose role lacks Account Edit (Forbidden)', async () => {
    const limited = await customAdmin(contoso.id, 'lena.limited@contoso.example', ['account.view', 'users.view']);
    await expect(edit(EMAIL.uma, { accountId: contoso.id, city: 'Nope' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(edit(limited, { accountId: contoso.id, city: 'Nope' })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await reload(contoso.id)).city).toBe('Manchester');
  });

  it('rejects bad input with field errors and writes nothing', async () => {
    const before = await eventCount();
    const error = await edit(EMAIL.partner, { accountId: contoso.id, name: ' ', country: 'ZZ', businessType: 'spaceflight', address: 'a'.repeat(201) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      name: ['errors.required'],
      country: ['errors.accounts.unknownCountry'],
      businessType: ['errors.invalid'],
      address: ['errors.tooLong'],
    });
    expect(await reload(contoso.id)).toMatchObject({ name: 'Contoso Ltd', country: 'GB' });
    expect(await eventCount()).toBe(before);
  });

  it('cannot touch an account whose deletion is under way', async () => {
    await db().update(accounts).set({ status: 'deleting' }).where(eq(accounts.id, globex.id));
    await expect(edit(otherPartnerEmail, { accountId: globex.id, city: 'Late' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await eventsFor(globex.id, 'Edit')).toEqual([]);
  });
});
