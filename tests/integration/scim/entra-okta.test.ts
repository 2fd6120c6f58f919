import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { scimActivity, scimUsers, users } from '@/db/schema';
import { latestMail, seed } from '../helpers';
import { accountUserCount, entraUser, scimClientFor, scimEvents, type ScimClient } from './harness';

// SCIM-2..4 as Entra ID (Azure AD) and Okta call it: the request shapes of the issue, end to end
// through the route handler, the user commands and PostgreSQL.
let scim: ScimClient;
beforeAll(async () => {
  await seed();
  scim = await scimClientFor('Contoso Ltd');
});

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('Entra ID provisioning cycle', () => {
  let id: string;

  it('probes with filter=userName eq before creating, then creates a SCIM-synced user with a welcome mail', async () => {
    const probe = await scim.call('GET', `/Users?filter=${encodeURIComponent('userName eq "entra.user1@contoso.example"')}`);
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim.call('POST', '/Users', entraUser(1));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    id = created.body!.id as string;
    expect(created.headers.get('location')).toBe(`${scim.url}/Users/${id}`);
    expect(created.body).toMatchObject({ userName: 'entra.user1@contoso.example', active: true, externalId: 'entra-1', name: { givenName: 'Entra', familyName: 'User1' } });

    const [row] = await db().select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ source: 'scim', email: 'entra.user1@contoso.example', loginId: 'entra.user1@contoso.example', mobile: '+31612340001', inactive: false, accountId: scim.accountId });
    expect(await latestMail('entra.user1@contoso.example', 'welcome')).toBeDefined();
    const created_ = (await scimEvents(scim.accountId)).filter((e) => e.assetId === id && e.action === 'Create');
    expect(created_).toHaveLength(1);
    expect(created_[0]!.actorKind).toBe('scim');

    const found = await scim.call('GET', `/Users?filter=${encodeURIComponent('userName eq "ENTRA.USER1@contoso.example"')}`);
    expect(found.body).toMatchObject({ totalResults: 1 });
  });

  it('applies capitalised ops, string booleans, dotted path-less keys and filtered paths', async () => {
    const res = await scim.call('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', value: { 'name.givenName': 'Erin', 'name.familyName': 'Entra', displayName: 'Erin Entra' } },
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'erin.entra@contoso.example' },
        { op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+31698765432' },
        { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+31201234567' },
        { op: 'Add', path: 'roles', value: [{ primary: 'True', value: 'Sales' }] },
        { op: 'Replace', path: 'active', value: 'True' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Erin Entra', name: { givenName: 'Erin', familyName: 'Entra' }, active: true });
    const [row] = await db().select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ firstName: 'Erin', lastName: 'Entra', email: 'erin.entra@contoso.example', mobile: '+31698765432', phone: '+31201234567' });
    const [extra] = await db().select().from(scimUsers).where(eq(scimUsers.userId, id));
    expect(extra!.data).toMatchObject({ roles: [{ primary: true, value: 'Sales' }] });
    const edits = (await scimEvents(scim.accountId)).filter((e) => e.assetId === id && e.action === 'Edit');
    expect(edits.at(-1)!.properties).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName', 'mobile', 'phone']));
  });

  it('soft-deletes with active "False": the user is deactivated, kept and still retrievable', async () => {
    const res = await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(res.status).toBe(200);
    expect(res.body!.active).toBe(false);
    const [row] = await db().select().from(users).where(eq(users.id, id));
    expect(row!.inactive).toBe(true);
    const get = await scim.call('GET', `/Users/${id}`);
    expect(get.status).toBe(200);
    expect(get.body!.active).toBe(false);
  });

  it('removes a filtered value and deletes the user on DELETE', async () => {
    const removed = await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Remove', path: 'phoneNumbers[type eq "work"].value' }] });
    expect(removed.status).toBe(200);
    const [row] = await db().select().from(users).where(eq(users.id, id));
    expect(row!.phone).toBeNull();
    expect((await scim.call('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await scim.call('GET', `/Users/${id}`)).status).toBe(404);
    expect(await db().select().from(users).where(eq(users.id, id))).toHaveLength(0);
  });
});

describe('Okta provisioning', () => {
  it('deactivates with a path-less {"active": false} and pages with startIndex/count', async () => {
    const ids: string[] = [];
    for (const n of [11, 12, 13]) {
      const res = await scim.call('POST', '/Users', entraUser(n));
      expect(res.status).toBe(201);
      ids.push(res.body!.id as string);
    }
    const off = await scim.call('PATCH', `/Users/${ids[0]}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(off.body!.active).toBe(false);

    const filter = encodeURIComponent('userName sw "entra.user1"');
    const page1 = await scim.call('GET', `/Users?filter=${filter}&startIndex=1&count=2`);
    const page2 = await scim.call('GET', `/Users?filter=${filter}&startIndex=3&count=2`);
    expect(page1.body).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
    expect(page2.body).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 });
    const seen = [...(page1.body!.Resources as { id: string }[]), ...(page2.body!.Resources as { id: string }[])].map((r) => r.id);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('honours attributes and excludedAttributes', async () => {
    const list = await scim.call('GET', `/Users?filter=${encodeURIComponent('externalId eq "entra-12"')}&attributes=userName`);
    const [only] = list.body!.Resources as Record<string, unknown>[];
    expect(Object.keys(only!).sort()).toEqual(['id', 'meta', 'schemas', 'userName'].sort());
    const excluded = await scim.call('GET', `/Users?filter=${encodeURIComponent('externalId eq "entra-12"')}&excludedAttributes=emails,phoneNumbers`);
    const [user] = excluded.body!.Resources as Record<string, unknown>[];
    expect(user).not.toHaveProperty('emails');
    expect(user).toHaveProperty('userName');
  });

  it('replaces a user with PUT', async () => {
    const list = await scim.call('GET', `/Users?filter=${encodeURIComponent('externalId eq "entra-13"')}`);
    const [user] = list.body!.Resources as { id: string }[];
    const put = await scim.call('PUT', `/Users/${user!.id}`, entraUser(13, { displayName: 'Thirteen', phoneNumbers: [] }));
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ displayName: 'Thirteen' });
    expect(put.body).not.toHaveProperty('phoneNumbers');
  });

  it('records every request in the provisioning activity', async () => {
    const rows = await db().select().from(scimActivity).where(eq(scimActivity.accountId, scim.accountId));
    expect(rows.map((r) => r.operation)).toEqual(expect.arrayContaining(['list', 'create', 'patch', 'get', 'delete', 'replace']));
    expect(rows.find((r) => r.operation === 'get' && r.status === 404)).toBeDefined();
    expect(await accountUserCount(scim.accountId)).toBeGreaterThan(3);
  });
});
