import { describe, expect, it } from 'vitest';
import { ScimError } from '@/lib/scim/errors';
import { CORE_USER_URN, ENTERPRISE_USER_URN } from '@/lib/scim/urns';
import { parseUser } from '@/lib/scim/user';

const minimal = { schemas: [CORE_USER_URN], userName: 'ann@example.com', emails: [{ value: 'ann@example.com', type: 'work' }] };

function scimError(body: unknown): ScimError {
  try {
    parseUser(body);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('parseUser (POST / PUT bodies)', () => {
  it('canonicalises an Entra ID style body', () => {
    const user = parseUser({
      schemas: [CORE_USER_URN, ENTERPRISE_USER_URN],
      externalId: 'abc',
      UserName: 'Ann@Example.com',
      active: 'True',
      displayName: 'Ann Lee',
      emails: [{ primary: true, type: 'work', value: 'ann@example.com' }],
      name: { formatted: 'Ann Lee', familyName: 'Lee', givenName: 'Ann' },
      phoneNumbers: [{ type: 'mobile', value: '+31 6 12345678' }],
      [ENTERPRISE_USER_URN]: { Department: 'Sales', employeeNumber: null },
      'urn:ietf:params:scim:schemas:core:2.0:User:roles': [{ value: 'admin' }],
    });
    expect(user).toEqual({
      schemas: [CORE_USER_URN, ENTERPRISE_USER_URN],
      externalId: 'abc',
      userName: 'Ann@Example.com',
      name: { formatted: 'Ann Lee', familyName: 'Lee', givenName: 'Ann' },
      displayName: 'Ann Lee',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'ann@example.com' }],
      phoneNumbers: [{ type: 'mobile', value: '+31612345678' }],
      roles: [{ value: 'admin' }],
      [ENTERPRISE_USER_URN]: { department: 'Sales' },
    });
    expect(Object.keys(user)[0]).toBe('schemas');
  });

  it('ignores id and meta sent by the client, and drops the extension URN when it has no values', () => {
    const user = parseUser({ ...minimal, schemas: [CORE_USER_URN, ENTERPRISE_USER_URN], id: 'client-id', meta: { resourceType: 'User' } });
    expect(user).not.toHaveProperty('id');
    expect(user).not.toHaveProperty('meta');
    expect(user.schemas).toEqual([CORE_USER_URN]);
  });

  it('accepts enterprise attributes as URN-prefixed keys', () => {
    expect(parseUser({ ...minimal, [`${ENTERPRISE_USER_URN}:department`]: 'Ops' })[ENTERPRISE_USER_URN]).toEqual({ department: 'Ops' });
  });

  it.each<[string, unknown, string, string]>([
    ['not an object', 'x', 'invalidSyntax', 'must be a JSON object'],
    ['no schemas', { userName: 'a', emails: minimal.emails }, 'invalidSyntax', '"schemas" must contain'],
    ['no userName', { ...minimal, userName: undefined }, 'invalidValue', 'Attribute "userName" is required'],
    ['blank userName', { ...minimal, userName: '  ' }, 'invalidValue', 'Attribute "userName" is required'],
    ['no e-mail', { ...minimal, emails: undefined }, 'invalidValue', 'A work e-mail is required'],
    ['only another e-mail', { ...minimal, emails: [{ value: 'a@b.co', type: 'other' }] }, 'invalidValue', 'A work e-mail is required'],
    ['an e-mail without value', { ...minimal, emails: [...minimal.emails, { type: 'other' }] }, 'invalidValue', 'Attribute "emails[1].value" is required'],
    ['two primaries', { ...minimal, emails: [{ ...minimal.emails[0], primary: true }, { value: 'b@b.co', type: 'other', primary: 'True' }] }, 'invalidValue', 'Only one value of "emails" may be primary'],
    ['an unknown attribute', { ...minimal, title: 'Boss' }, 'invalidValue', 'Unknown attribute "title"'],
    ['an unknown extension', { ...minimal, 'urn:example:custom:User': { x: 1 } }, 'invalidValue', 'Unknown attribute "urn:example:custom:User"'],
    ['an enterprise attribute we do not keep', { ...minimal, [ENTERPRISE_USER_URN]: { manager: { value: 'x' } } }, 'invalidValue', `Unknown attribute "${ENTERPRISE_USER_URN}.manager"`],
  ])('refuses %s', (_case, body, scimType, detail) => {
    const error = scimError(body);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toContain(detail);
  });
});
