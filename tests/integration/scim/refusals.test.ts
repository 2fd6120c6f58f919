import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { scimActivity, users } from '@/db/schema';
import { accountByName, seed } from '../helpers';
import { accountUserCount, entraUser, scimClientFor, type ScimClient } from './harness';

// SCIM bad input (issue 16): each refused with a SCIM error body naming the problem, nothing written.
let scim: ScimClient;
let fabrikam: ScimClient;
beforeAll(async () => {
  await seed();
  scim = await scimClientFor('Contoso Ltd');
  fabrikam = await scimClientFor('Fabrikam BV');
});

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

async function refused(res: { status: number; body: Record<string, unknown> | null }, status: number, scimType?: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), ...(scimType ? { scimType } : {}) });
  expect(typeof res.body!.detail).toBe('string');
}

describe('authentication', () => {
  it('refuses a missing, made-up, old or other account token with 401', async () => {
    await refused(await scim.call('GET', '/Users', undefined, { token: '' }), 401);
    await refused(await scim.call('GET', '/Users', undefined, { token: 'scim_made-up' }), 401);
    // Fabrikam's valid token on Contoso's URL.
    await refused(await scim.call('GET', '/Users', undefined, { token: fabrikam.token }), 401);
    const old = scim.token;
    const renewed = await scimClientFor('Contoso Ltd');
    await refused(await scim.call('GET', '/Users', undefined, { token: old }), 401);
    expect((await renewed.call('GET', '/ServiceProviderConfig')).status).toBe(200);
    scim = renewed;
  });

  it('refuses a deactivated account with 403', async () => {
    const account = await accountByName('Fabrikam BV');
    const { accounts } = await import('@/db/schema');
    await db().update(accounts).set({ status: 'deactivated' }).where(eq(accounts.id, account.id));
    await refused(await fabrikam.call('GET', '/Users'), 403);
    await db().update(accounts).set({ status: 'active' }).where(eq(accounts.id, account.id));
  });
});

describe('bodies and values', () => {
  it('refuses bodies that are not JSON, not SCIM JSON, or larger than 1 MB', async () => {
    const before = await accountUserCount(scim.accountId);
    await refused(await scim.call('POST', '/Users', undefined, { raw: '{"userName": ' }), 400, 'invalidSyntax');
    await refused(await scim.call('POST', '/Users', undefined, { raw: 'userName=x', contentType: 'application/x-www-form-urlencoded' }), 400, 'invalidSyntax');
    await refused(await scim.call('POST', '/Users', undefined, { raw: JSON.stringify(entraUser(90, { displayName: 'x'.repeat(1_100_000) })) }), 413);
    expect(await accountUserCount(scim.accountId)).toBe(before);
  });

  it('refuses unknown attributes, a missing work e-mail, bad E.164 numbers', async () => {
    const before = await accountUserCount(scim.accountId);
    await refused(await scim.call('POST', '/Users', entraUser(91, { favouriteColour: 'blue' })), 400, 'invalidValue');
    await refused(await scim.call('POST', '/Users', entraUser(92, { emails: [{ type: 'other', value: 'x@contoso.example' }] })), 400, 'invalidValue');
    await refused(await scim.call('POST', '/Users', entraUser(93, { phoneNumbers: [{ type: 'mobile', value: '06 1234 5678' }] })), 400, 'invalidValue');
    expect(await accountUserCount(scim.accountId)).toBe(before);
  });

  it('answers uniqueness conflicts (USR-8) with 409 and writes nothing', async () => {
    expect((await scim.call('POST', '/Users', entraUser(94))).status).toBe(201);
    const before = await accountUserCount(scim.accountId);
    // Same userName and e-mail.
    await refused(await scim.call('POST', '/Users', entraUser(94, { externalId: 'other' })), 409, 'uniqueness');
    // Another user's mobile number.
    await refused(await scim.call('POST', '/Users', entraUser(95, { phoneNumbers: [{ type: 'mobile', value: '+31612340094' }] })), 409, 'uniqueness');
    // An e-mail of a user in another account (the sign-in name is unique in the installation).
    await refused(await scim.call('POST', '/Users', entraUser(96, { emails: [{ type: 'work', primary: true, value: 'bram.beheerder@fabrikam.example' }] })), 409, 'uniqueness');
    expect(await accountUserCount(scim.accountId)).toBe(before);
  });

  it('refuses PATCHes that touch id, remove userName, name unknown paths or have no target', async () => {
    const created = await scim.call('POST', '/Users', entraUser(97));
    const id = created.body!.id as string;
    const [before] = await db().select().from(users).where(eq(users.id, id));
    await refused(await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'id', value: 'x' }] }), 400, 'mutability');
    await refused(await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'shoeSize', value: 44 }] }), 400, 'invalidPath');
    await refused(await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'remove' }] }), 400, 'noTarget');
    // A valid op before an invalid one: the whole request is refused, the first op is not applied.
    await refused(
      await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'displayName', value: 'Half' }, { op: 'Remove', path: 'userName' }] }),
      400,
    );
    const [after] = await db().select().from(users).where(eq(users.id, id));
    expect(after).toEqual(before);
  });

  it('refuses malformed filters and attributes it cannot search', async () => {
    await refused(await scim.call('GET', `/Users?filter=${encodeURIComponent('userName eq')}`), 400, 'invalidFilter');
    await refused(await scim.call('GET', `/Users?filter=${encodeURIComponent('title pr')}`), 400, 'invalidFilter');
  });

  it('cannot reach users of another account or PBX-owned users', async () => {
    const other = await fabrikam.call('POST', '/Users', entraUser(98, { emails: [{ type: 'work', primary: true, value: 'entra98@fabrikam.example' }] }));
    expect(other.status).toBe(201);
    await refused(await scim.call('GET', `/Users/${other.body!.id as string}`), 404);
    await refused(await scim.call('DELETE', `/Users/${other.body!.id as string}`), 404);
    expect((await fabrikam.call('GET', `/Users/${other.body!.id as string}`)).status).toBe(200);
  });
});

describe('discovery and unsupported resources', () => {
  it('serves ServiceProviderConfig, ResourceTypes and Schemas; Groups are not supported (501)', async () => {
    const config = await scim.call('GET', '/ServiceProviderConfig');
    expect(config.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true } });
    const types = await scim.call('GET', '/ResourceTypes');
    expect((types.body!.Resources as { name: string }[]).map((r) => r.name)).toEqual(['User']);
    const schema = await scim.call('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    expect(schema.status).toBe(200);
    await refused(await scim.call('GET', '/Groups'), 501);
    await refused(await scim.call('POST', '/Groups', { displayName: 'Sales' }), 501);
    const errors = await db().select().from(scimActivity).where(eq(scimActivity.accountId, scim.accountId));
    expect(errors.some((r) => r.status === 501 && r.operation.includes('Groups'))).toBe(true);
  });
});
