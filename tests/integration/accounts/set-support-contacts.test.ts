import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { supportContacts, type Account } from '@/db/schema';
import { setSupportContacts } from '@/lib/accounts/set-support-contacts';
import { listSupportContacts, searchPartnerUsers } from '@/lib/accounts/support-contacts';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { actorFor, EMAIL, seedTenants, userByEmail } from '../helpers';
import { customAdmin, eventCount, lastEventFor, secondPartnerUser } from './fixtures';

let contoso: Account;
let fabrikam: Account;
let globex: Account;
let otherPartnerEmail: string;
let sam: string;

beforeAll(async () => {
  ({ contoso, fabrikam, globex, otherPartnerEmail } = await seedTenants());
  sam = await secondPartnerUser();
});

const save = async (email: string, accountId: string, list: unknown) => setSupportContacts({ ctx: { actor: await actorFor(email) }, input: { accountId, supportContacts: list } });

describe('setSupportContacts (SUP-1)', () => {
  it('lets a partner set partner users and explicit addresses, shown with names, and audits the change', async () => {
    const result = await save(EMAIL.partner, contoso.id, [sam, 'support@contoso-it.example']);
    expect(result.supportContacts).toEqual([sam, 'support@contoso-it.example'].sort());
    expect(await listSupportContacts(db(), contoso.id)).toEqual(
      expect.arrayContaining([
        { email: sam, displayName: 'Sam Support' },
        { email: 'support@contoso-it.example', displayName: null },
      ]),
    );
    const event = await lastEventFor(contoso.id);
    expect(event).toMatchObject({ action: 'Edit', asset: 'Account', properties: ['supportContacts'], actorName: 'Pat Partner' });
    expect(event?.coreDetails).toMatchObject({ before: { supportContacts: [] }, after: { supportContacts: [sam, 'support@contoso-it.example'].sort() } });
  });

  it('removes a contact (X) and keeps the rest; an unchanged list records nothing', async () => {
    await save(EMAIL.partner, contoso.id, ['support@contoso-it.example']);
    expect((await listSupportContacts(db(), contoso.id)).map((c) => c.email)).toEqual(['support@contoso-it.example']);
    const before = await eventCount();
    await save(EMAIL.partner, contoso.id, ['SUPPORT@contoso-it.example']);
    expect(await eventCount()).toBe(before);
  });

  it('lets an account admin edit the contacts of its own account', async () => {
    await save(EMAIL.alice, contoso.id, ['support@contoso-it.example', 'alice.admin@contoso.example']);
    expect(await lastEventFor(contoso.id)).toMatchObject({ actorName: 'Alice Admin', properties: ['supportContacts'] });
    expect(await listSupportContacts(db(), contoso.id)).toHaveLength(2);
  });

  it('keeps at least one contact and rejects invalid addresses, writing nothing', async () => {
    const before = await eventCount();
    const empty = await save(EMAIL.partner, contoso.id, []).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ValidationError);
    expect((empty as ValidationError).fieldErrors).toEqual({ supportContacts: ['errors.accounts.supportContactRequired'] });
    const invalid = await save(EMAIL.partner, contoso.id, ['ok@x.example', 'no at sign']).catch((e: unknown) => e);
    expect((invalid as ValidationError).fieldErrors).toEqual({ 'supportContacts.1': ['errors.accounts.invalidContactEmail'] });
    expect(await listSupportContacts(db(), contoso.id)).toHaveLength(2);
    expect(await eventCount()).toBe(before);
  });

  it("answers NotFound for another account or another partner's account", async () => {
    await expect(save(EMAIL.alice, fabrikam.id, ['x@x.example'])).rejects.toBeInstanceOf(NotFoundError);
    await expect(save(EMAIL.partner, globex.id, ['x@x.example'])).rejects.toBeInstanceOf(NotFoundError);
    await expect(save(otherPartnerEmail, contoso.id, ['x@x.example'])).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().select().from(supportContacts).where(eq(supportContacts.accountId, fabrikam.id))).toEqual([]);
    expect(await db().select().from(supportContacts).where(eq(supportContacts.accountId, globex.id))).toEqual([]);
  });

  it('refuses plain users and admins whose role lacks Account Edit (Forbidden)', async () => {
    const limited = await customAdmin(contoso.id, 'lena.limited@contoso.example', ['account.view']);
    await expect(save(EMAIL.uma, contoso.id, ['x@x.example'])).rejects.toBeInstanceOf(ForbiddenError);
    await expect(save(limited, contoso.id, ['x@x.example'])).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('searchPartnerUsers (support-contact combobox)', () => {
  it("finds the partner organisation's own partner users by name or e-mail, never account users or other organisations", async () => {
    const partner = await actorFor(EMAIL.partner);
    expect(await searchPartnerUsers(db(), partner, 'sam sup')).toEqual([{ email: sam, displayName: 'Sam Support' }]);
    expect((await searchPartnerUsers(db(), partner, 'northwind')).map((u) => u.email).sort()).toEqual([EMAIL.partner, EMAIL.sam, EMAIL.rita, sam].sort());
    expect(await searchPartnerUsers(db(), partner, 'alice')).toEqual([]);
    expect(await searchPartnerUsers(db(), partner, 'globex')).toEqual([]);
    expect(await searchPartnerUsers(db(), partner, '%')).toEqual([]);
    expect(await searchPartnerUsers(db(), partner, '   ')).toEqual([]);
  });

  it('gives account users nothing: they type addresses instead', async () => {
    expect(await searchPartnerUsers(db(), await actorFor(EMAIL.alice), 'pat')).toEqual([]);
    const other = await userByEmail(otherPartnerEmail);
    expect(await searchPartnerUsers(db(), await actorFor(otherPartnerEmail), 'gina')).toEqual([{ email: other.email, displayName: 'Gina Globex' }]);
  });
});
