import { describe, expect, it } from 'vitest';
import { coerceValue } from '@/lib/scim/coerce-value';
import { ScimError } from '@/lib/scim/errors';
import { findAttribute, requireAttribute, splitAttributePath, USER_ATTRIBUTES } from '@/lib/scim/schema';
import { CORE_USER_URN, ENTERPRISE_USER_URN } from '@/lib/scim/urns';

const definition = (name: string) => USER_ATTRIBUTES.find((candidate) => candidate.name === name)!;

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('attribute names', () => {
  it.each<[string, string]>([
    ['USERNAME', 'userName'],
    ['username', 'userName'],
    ['Name.GivenName', 'name.givenName'],
    [`${CORE_USER_URN}:Name.GivenName`, 'name.givenName'],
    [`${CORE_USER_URN.toUpperCase()}:EMAILS.VALUE`, 'emails.value'],
    ['PHONENUMBERS.type', 'phoneNumbers.type'],
    ['meta.LASTMODIFIED', 'meta.lastModified'],
    ['EXTERNALID', 'externalId'],
    [`${ENTERPRISE_USER_URN}:EmployeeNumber`, `${ENTERPRISE_USER_URN}.employeeNumber`],
    [ENTERPRISE_USER_URN.toLowerCase(), ENTERPRISE_USER_URN],
  ])('%s → %s', (text, canonical) => {
    const { attribute, subAttribute } = requireAttribute(text, 'invalidPath').path;
    expect(subAttribute === undefined ? attribute : `${attribute}.${subAttribute}`).toBe(canonical);
  });

  it('splits syntax without knowing the schema', () => {
    expect(splitAttributePath('title')).toEqual({ attribute: 'title' });
    expect(splitAttributePath('members.$ref')).toEqual({ attribute: 'members', subAttribute: '$ref' });
    expect(splitAttributePath('urn:example:x:1.0:Thing:a.b')).toEqual({ attribute: 'urn:example:x:1.0:Thing:a', subAttribute: 'b' });
    for (const bad of ['', '1st', 'a.b.c', 'a..b', 'a b', `${ENTERPRISE_USER_URN}:dept.x`, 'name.']) {
      expect(splitAttributePath(bad), bad).toBeUndefined();
    }
  });

  it('resolves names within a value filter against the sub-attributes only', () => {
    expect(findAttribute({ attribute: 'TYPE' }, definition('emails'))?.path).toEqual({ attribute: 'type' });
    expect(findAttribute({ attribute: 'userName' }, definition('emails'))).toBeUndefined();
    expect(findAttribute({ attribute: 'type' })).toBeUndefined();
  });

  it('names the unknown attribute in the error, with the type asked for', () => {
    expect(scimError(() => requireAttribute('nickName', 'invalidPath'))).toMatchObject({ status: 400, scimType: 'invalidPath', detail: 'Unknown attribute "nickName"' });
    expect(scimError(() => requireAttribute('name.middleName', 'invalidValue'))).toMatchObject({ scimType: 'invalidValue', detail: 'Unknown attribute "name.middleName"' });
    expect(scimError(() => requireAttribute('kind', 'invalidPath', definition('emails'))).detail).toBe('Unknown attribute "emails.kind"');
  });

  it('keeps id and meta readOnly, userName required, and the extension as a complex member', () => {
    expect(definition('id')).toMatchObject({ mutability: 'readOnly', returned: 'always', caseExact: true });
    expect(definition('meta')).toMatchObject({ mutability: 'readOnly', returned: 'always' });
    expect(definition('userName')).toMatchObject({ required: true, caseExact: false, uniqueness: 'server' });
    expect(definition(ENTERPRISE_USER_URN).subAttributes?.map((sub) => sub.name)).toEqual(['employeeNumber', 'department']);
  });
});

describe('coerceValue', () => {
  it.each<[string, unknown, boolean]>([
    ['True', 'True', true],
    ['False', 'False', false],
    ['true', 'true', true],
    [' FALSE ', ' FALSE ', false],
    ['boolean', true, true],
  ])('boolean %s', (_case, value, expected) => {
    expect(coerceValue(definition('active'), value)).toBe(expected);
  });

  it.each([['yes'], [1], [null], [''], [{}]])('refuses %j for a boolean', (value) => {
    expect(scimError(() => coerceValue(definition('active'), value))).toMatchObject({ scimType: 'invalidValue', detail: 'Attribute "active" must be a boolean' });
  });

  it('canonicalises sub-attribute names, canonical values and booleans inside complex values', () => {
    expect(coerceValue(definition('emails'), [{ VALUE: 'a@example.com', Type: 'WORK', Primary: 'True', display: null }])).toEqual([
      { value: 'a@example.com', type: 'work', primary: true },
    ]);
  });

  it('takes a lone object for a multi-valued attribute', () => {
    expect(coerceValue(definition('roles'), { value: 'admin' })).toEqual([{ value: 'admin' }]);
  });

  it.each<[string, string]>([
    ['+31 20 123 4567', '+31201234567'],
    ['tel:+1-201-555-0123', '+12015550123'],
    ['+44 (20) 7946.0958', '+442079460958'],
  ])('reduces phone %s to E.164', (value, expected) => {
    expect(coerceValue(definition('phoneNumbers'), [{ value, type: 'Mobile' }])).toEqual([{ value: expected, type: 'mobile' }]);
  });

  it.each([['0201234567'], ['+0123456'], ['+1234567890123456'], ['+31 20 abc']])('refuses phone %s', (value) => {
    expect(scimError(() => coerceValue(definition('phoneNumbers'), [{ value }])).detail).toBe('Attribute "phoneNumbers[0].value" must be a phone number in E.164 form (+ and up to 15 digits)');
  });

  it('refuses malformed e-mail addresses and unknown sub-attributes', () => {
    expect(scimError(() => coerceValue(definition('emails'), [{ value: 'not-an-address' }])).detail).toContain('"emails[0].value" must be an e-mail address');
    expect(scimError(() => coerceValue(definition('name'), { middleName: 'J' })).detail).toBe('Unknown attribute "name.middleName"');
  });
});
